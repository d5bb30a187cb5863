using Certwright.Acme.Client;
using Certwright.Tests.Acme.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

/// <summary>dns-01 end to end: the hook publishes the TXT record in pebble-challtestsrv, which Pebble's VA queries.</summary>
public sealed class AcmeDns01PebbleTests
{
    [Fact]
    public async Task ObtainAsync_Dns01Hook_IssuesRenewsAndRevokesWithCertificateKey()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path, "dns-01"), TimeProvider.System);

        var first = await source.ObtainAsync(AcmeTestKit.Order("dns.example.test", "*.dns.example.test"), default);
        using var firstLeaf = await AcmeTestKit.AssertIssuedAsync(first, pebble, ["dns.example.test", "*.dns.example.test"]);
        var renewed = await source.ObtainAsync(AcmeTestKit.Order("dns.example.test", "*.dns.example.test"), default);
        using var renewedLeaf = await AcmeTestKit.AssertIssuedAsync(renewed, pebble, ["dns.example.test", "*.dns.example.test"]);
        Assert.NotEqual(firstLeaf.SerialNumber, renewedLeaf.SerialNumber);

        await source.RevokeWithCertificateKeyAsync(first.Leaf, first.PrivateKeyPkcs8!, reason: 1, default);

        Assert.Equal("Revoked", await pebble.CertificateStatusAsync(first.Leaf));
        Assert.Equal("Valid", await pebble.CertificateStatusAsync(renewed.Leaf));
    }

    [Fact]
    public async Task ObtainAsync_HookFails_UsageErrorWithHookOutput()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        var options = AcmeTestKit.Options(pebble, accounts.Path, "dns-01") with { DnsHook = "echo 'zone example.test: access denied' >&2; exit 7" };
        using var source = new AcmeCertificateSource(options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => source.ObtainAsync(AcmeTestKit.Order("dns.example.test"), default));

        Assert.Equal(
            "dns-01 hook 'echo 'zone example.test: access denied' >&2; exit 7' (set dns.example.test) exited with 7: zone example.test: access denied; fix the hook command",
            error.Message);
    }
}
