using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary><c>scan</c> against nginx that requires a client certificate: the CA names it advertises, and the info finding.</summary>
[Collection(CliCollection.Name)]
public sealed class ScanClientCertificateTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Scan_ServerRequiresClientCertificate_ListsTheCaNamesAndAnInfoFinding()
    {
        using var directory = new TempDirectory();
        using var root = TestPki.CreateRoot("mTLS Server Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10), keyType: TestKeyType.Rsa2048);
        using var leaf = TestPki.CreateLeaf(root, "localhost", ["localhost"], keyType: TestKeyType.Rsa2048);
        using var clientCa = TestPki.CreateRoot("Partner Client CA", notBefore: DateTimeOffset.UtcNow.AddDays(-10));
        var port = FreePort.Next();
        await using var nginx = await NginxServer.StartAsync(
        [
            new NginxSite(
                port,
                directory.Write("leaf.crt", TestPki.Bundle(leaf, root)),
                directory.Write("leaf.key", leaf.PrivateKeyPem),
                ExtraDirectives: $"ssl_verify_client on; ssl_client_certificate {directory.Write("client-ca.pem", clientCa.CertificatePem)};"),
        ]);
        var caFile = directory.Write("ca.pem", root.CertificatePem);

        var json = (await _session.RunAsync("scan", $"localhost:{port}", "--ca-file", caFile, "--no-store", "--json")).ExpectExit(0).Json("scan-report");
        var text = (await _session.RunAsync("scan", $"localhost:{port}", "--ca-file", caFile, "--no-store")).ExpectExit(0);

        var endpoint = Assert.Single(json.Array("endpoints"));
        Assert.True(endpoint.Bool("clientCertificateRequested"));
        Assert.Equal(["CN=Partner Client CA"], endpoint.Strings("clientCertificateAuthorities"));
        var finding = Assert.Single(endpoint.Array("findings"), f => f.Str("code") == "client-certificate-requested");
        Assert.Equal("info", finding.Str("severity"));
        Assert.Contains("  client CAs: CN=Partner Client CA", text.StandardOutput, StringComparison.Ordinal);
    }
}
