using Certwright.Acme.Client;
using Certwright.Tests.Acme.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

/// <summary>tls-alpn-01 end to end: Pebble's VA handshakes with acme-tls/1 against the client's built-in TLS listener.</summary>
public sealed class AcmeTlsAlpn01PebbleTests
{
    [Fact]
    public async Task ObtainAsync_TlsAlpn01Listener_IssuesRenewsAndRevokes()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path, "tls-alpn-01"), TimeProvider.System);

        var first = await source.ObtainAsync(AcmeTestKit.Order("tls.example.test", "www.tls.example.test"), default);
        using var firstLeaf = await AcmeTestKit.AssertIssuedAsync(first, pebble, ["tls.example.test", "www.tls.example.test"]);
        var renewed = await source.ObtainAsync(AcmeTestKit.Order("tls.example.test", "www.tls.example.test"), default);
        using var renewedLeaf = await AcmeTestKit.AssertIssuedAsync(renewed, pebble, ["tls.example.test", "www.tls.example.test"]);
        Assert.NotEqual(firstLeaf.SerialNumber, renewedLeaf.SerialNumber);

        await source.RevokeAsync(renewed.Leaf, reason: null, default);

        Assert.Equal("Revoked", await pebble.CertificateStatusAsync(renewed.Leaf));
        Assert.False(BackgroundServer.IsListening(pebble.Settings.TlsPort), "the challenge listener must be stopped after the order");
    }
}
