using Certwright.Acme.Server.Internal;

namespace Certwright.Tests.Acme.Server;

public sealed class AcmeNoncesTests
{
    [Fact]
    public void TryConsume_IssuedNonce_AcceptedOnce()
    {
        var nonces = new AcmeNonces(16);
        var nonce = nonces.Next();

        Assert.True(nonces.TryConsume(nonce));
        Assert.False(nonces.TryConsume(nonce));
        Assert.False(nonces.TryConsume(null));
        Assert.False(nonces.TryConsume("never-issued"));
    }

    [Fact]
    public void Next_BeyondCapacity_OldestForgotten()
    {
        var nonces = new AcmeNonces(16);
        var issued = Enumerable.Range(0, 20).Select(_ => nonces.Next()).ToList();

        Assert.Equal(16, nonces.Count);
        Assert.All(issued.Take(4), n => Assert.False(nonces.TryConsume(n)));
        Assert.All(issued.Skip(4), n => Assert.True(nonces.TryConsume(n)));
        Assert.Equal(20, issued.Distinct(StringComparer.Ordinal).Count());
    }
}
