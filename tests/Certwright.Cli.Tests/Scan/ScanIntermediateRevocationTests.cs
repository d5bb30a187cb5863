using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.Revocation;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary>
/// <c>scan --check-intermediates</c>: an intermediate that names the root's CRL (served over HTTP on loopback), in
/// which the root revoked it, behind nginx. Without the flag only the leaf (which names no source) is asked about.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ScanIntermediateRevocationTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Scan_CheckIntermediates_RevokedIntermediateIsCriticalOnlyWhenAsked()
    {
        await using var crlServer = new LoopbackHttpServer();
        var now = DateTimeOffset.UtcNow;
        using var root = TestPki.CreateRoot("Scan Revoking Root", notBefore: now.AddDays(-30), notAfter: now.AddYears(5), keyType: TestKeyType.Rsa2048);
        using var intermediate = TestPki.CreateIntermediate(root, "Scan Revoked CA", notBefore: now.AddDays(-20), notAfter: now.AddYears(2), keyType: TestKeyType.Rsa2048, crlUrls: [crlServer.Url("root.crl")]);
        using var leaf = TestPki.CreateLeaf(intermediate, "localhost", keyType: TestKeyType.Rsa2048);
        var crl = new CertificateRevocationListBuilder();
        crl.AddEntry(intermediate.Certificate, now.AddDays(-1), X509RevocationReason.KeyCompromise);
        crlServer.Reply = LoopbackHttpServer.Serving(crl.Build(root.Certificate, BigInteger.One, now.AddDays(1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now.AddMinutes(-5)), "application/pkix-crl");
        var port = FreePort.Next();
        await using var nginx = await NginxServer.StartAsync([new NginxSite(port, _session.Work.Write("chain.pem", TestPki.Bundle(leaf, intermediate)), _session.Work.Write("leaf.key", leaf.PrivateKeyPem))]);
        var caFile = _session.Work.Write("root.pem", root.CertificatePem);

        var asked = (await _session.RunAsync("scan", $"localhost:{port}", "--ca-file", caFile, "--no-store", "--check-intermediates", "--json")).ExpectExit(2);
        var plain = (await _session.RunAsync("scan", $"localhost:{port}", "--ca-file", caFile, "--no-store", "--json")).ExpectExit(0);

        var endpoint = Assert.Single(asked.Json("scan-report").Array("endpoints"));
        Assert.Equal([("revoked", "critical")], endpoint.Findings());
        var finding = endpoint.Array("findings")[0];
        Assert.Equal(intermediate.Sha256, finding.Str("subject"));
        Assert.StartsWith($"localhost:{port}: intermediate ", finding.Str("message"), StringComparison.Ordinal);
        Assert.Empty(Assert.Single(plain.Json("scan-report").Array("endpoints")).Findings());
        Assert.Single(crlServer.Requests);
    }
}
