using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Monitoring;
using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Revocation;

/// <summary>
/// Issue 3: "for each certificate with an AIA OCSP URL [or a CRL distribution point]", not only the leaf
/// (<see cref="EndpointCheckOptions.CheckIntermediateRevocation"/>, <c>--check-intermediates</c>). Two
/// intermediates name the root's CRL (served over HTTP on loopback); the root revoked one of them. nginx serves a
/// leaf under each: the endpoint under the revoked intermediate is reported <c>revoked</c> about that intermediate,
/// the other is not.
/// </summary>
public sealed class IntermediateRevocationTests
{
    [Fact]
    public async Task Assess_IntermediateRevokedInTheRootsCrl_RevokedFindingAboutTheIntermediateOnly()
    {
        using var directory = new TempDirectory();
        await using var crlServer = new LoopbackHttpServer();
        var now = DateTimeOffset.UtcNow;
        using var root = TestPki.CreateRoot("Revoking Root", notBefore: now.AddDays(-30), notAfter: now.AddYears(5), keyType: TestKeyType.Rsa2048);
        string[] crlUrls = [crlServer.Url("root.crl")];
        using var revokedCa = TestPki.CreateIntermediate(root, "Revoked CA", notBefore: now.AddDays(-20), notAfter: now.AddYears(2), keyType: TestKeyType.Rsa2048, crlUrls: crlUrls);
        using var goodCa = TestPki.CreateIntermediate(root, "Good CA", notBefore: now.AddDays(-20), notAfter: now.AddYears(2), keyType: TestKeyType.Rsa2048, crlUrls: crlUrls);
        using var underRevoked = TestPki.CreateLeaf(revokedCa, "localhost", keyType: TestKeyType.Rsa2048);
        using var underGood = TestPki.CreateLeaf(goodCa, "localhost", keyType: TestKeyType.Rsa2048);
        var crl = new CertificateRevocationListBuilder();
        crl.AddEntry(revokedCa.Certificate, now.AddDays(-1), X509RevocationReason.CACompromise);
        crlServer.Reply = LoopbackHttpServer.Serving(crl.Build(root.Certificate, BigInteger.One, now.AddDays(1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now.AddMinutes(-5)), "application/pkix-crl");
        var revokedPort = FreePort.Next();
        var goodPort = FreePort.Next();
        await using var nginx = await NginxServer.StartAsync(
        [
            new NginxSite(revokedPort, directory.Write("revoked.pem", TestPki.Bundle(underRevoked, revokedCa)), directory.Write("revoked.key", underRevoked.PrivateKeyPem)),
            new NginxSite(goodPort, directory.Write("good.pem", TestPki.Bundle(underGood, goodCa)), directory.Write("good.key", underGood.PrivateKeyPem)),
        ]);

        var revoked = await AssessAsync(root, revokedPort, intermediates: true);
        var good = await AssessAsync(root, goodPort, intermediates: true);
        var leafOnly = await AssessAsync(root, revokedPort, intermediates: false);

        var finding = Assert.Single(revoked.Findings, f => f.Code == FindingCodes.Revoked);
        Assert.Equal((Severity.Critical, revokedCa.Sha256), (finding.Severity, finding.Subject));
        Assert.StartsWith($"localhost:{revokedPort}: intermediate 'Revoked CA'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(cACompromise)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, revoked.Severity);
        Assert.DoesNotContain(good.Findings, f => f.Code is FindingCodes.Revoked or FindingCodes.CrlUnreachable);
        Assert.Equal(Severity.Ok, good.Severity);
        Assert.True(crlServer.Requests.Count >= 1);
        // Off by default: the leaf names no revocation source, so nothing is asked.
        Assert.DoesNotContain(leafOnly.Findings, f => f.Code == FindingCodes.Revoked);
    }

    private static async Task<EndpointReport> AssessAsync(TestCertificate root, int port, bool intermediates)
    {
        using var revocation = new RevocationChecker(new RevocationOptions(), TimeProvider.System);
        var scanner = new EndpointScanner();
        var scan = await scanner.ScanAsync(new ScanTarget("localhost", port));
        Assert.True(scan.Status == ScanStatus.Success, scan.Error);
        var checker = new EndpointChecker(scanner, new ChainValidator(), TimeProvider.System, store: null) { Revocation = revocation };
        return await checker.AssessAsync(
            scan,
            new EndpointCheckOptions { TrustStore = TrustStore.FromCertificates([root.Der]), Record = false, CheckRevocation = true, CheckIntermediateRevocation = intermediates },
            CancellationToken.None);
    }
}
