using Certwright.Policy;

namespace Certwright.Tests.Validation;

public sealed class ValidityTests
{
    private static readonly DateTimeOffset Past = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Future = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Validate_ExpiredAtDepth_Expired(int depth)
    {
        var root = Pki.Root(tweak: depth == 2 ? s => s.NotAfter = Past : null);
        var intermediate = Pki.Intermediate(root, tweak: depth == 1 ? s => s.NotAfter = Past : null);
        var leaf = Pki.Leaf(intermediate, tweak: depth == 0 ? s => s.NotAfter = Past : null);
        var scenario = new Scenario(leaf, root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.Expired], result.Codes);
        Assert.Equal(depth, result.Errors[0].Depth);
        Assert.Contains("expired at 2026-01-01T00:00:00Z (checked at 2026-06-01T12:00:00Z)", result.Findings[0].Message, StringComparison.Ordinal);
        var openssl = await scenario.OpensslAsync();
        Assert.False(openssl.IsValid);
        Assert.Contains($"error 10 at {depth} depth lookup: certificate has expired", openssl.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_LeafNotYetValid_NotYetValid()
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, tweak: s => s.NotBefore = Future), root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.NotYetValid], result.Codes);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_NotBeforeAfterNotAfter_InvalidValidity()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => (s.NotBefore, s.NotAfter) = (Future, Past));

        var result = new Scenario(leaf, root).Certwright();

        Assert.Equal([FindingCodes.InvalidValidity], result.Codes);
    }

    [Fact]
    public void Validate_BoundsAreInclusiveAtSecondPrecision()
    {
        var root = Pki.Root();
        var notAfter = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var leaf = Pki.Leaf(root, tweak: s => s.NotAfter = notAfter);

        Assert.True(new Scenario(leaf, root) { Time = notAfter }.Certwright().IsValid);
        Assert.True(new Scenario(leaf, root) { Time = notAfter.AddMilliseconds(999) }.Certwright().IsValid);
        Assert.Equal([FindingCodes.Expired], new Scenario(leaf, root) { Time = notAfter.AddSeconds(1) }.Certwright().Codes);
    }

    [Fact]
    public void Validate_GeneralizedTimeAfter2049_Parsed()
    {
        var root = Pki.Root(tweak: s => s.NotAfter = new DateTimeOffset(2060, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var leaf = Pki.Leaf(root);

        var result = new Scenario(leaf, root) { Time = new DateTimeOffset(2055, 1, 1, 0, 0, 0, TimeSpan.Zero) }.Certwright();

        Assert.Equal([FindingCodes.Expired], result.Codes);
        Assert.Equal(0, result.Errors[0].Depth);
        Assert.Equal(new DateTimeOffset(2060, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Path[1].NotAfter);
    }
}
