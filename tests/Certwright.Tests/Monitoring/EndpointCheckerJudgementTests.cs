using Certwright.Monitoring;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;
using Certwright.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Monitoring;

/// <summary>
/// How a check judges a presented chain (the scan itself is covered by the Scanning tests against real servers):
/// the leaf, the presented chain and the validated path keep their own expiry.
/// </summary>
public sealed class EndpointCheckerJudgementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Assess_ExpiringIntermediateAndUnusedExpiredCertificate_ReportedApart()
    {
        using var root = TestPki.CreateRoot(notBefore: Now.AddYears(-2), notAfter: Now.AddYears(10));
        using var intermediate = TestPki.CreateIntermediate(root, notBefore: Now.AddYears(-1), notAfter: Now.AddDays(10));
        using var leaf = TestPki.CreateLeaf(intermediate, dnsNames: ["svc.example.test"], notBefore: Now.AddDays(-5), notAfter: Now.AddDays(9).AddHours(1));
        using var oldRoot = TestPki.CreateRoot("Old Cross-Signed Root", notBefore: Now.AddYears(-5), notAfter: Now.AddDays(-3));
        var report = await AssessAsync(root, leaf.Der, intermediate.Der, oldRoot.Der);

        Assert.True(report.Validation!.IsValid);
        Assert.Equal(leaf.Certificate.NotAfter.ToUniversalTime(), report.LeafNotAfter!.Value.UtcDateTime);
        Assert.Equal(oldRoot.Certificate.NotAfter.ToUniversalTime(), report.PresentedChainNotAfter!.Value.UtcDateTime);
        Assert.Equal(leaf.Certificate.NotAfter.ToUniversalTime(), report.ValidatedPathNotAfter!.Value.UtcDateTime);

        var expiry = report.Findings
            .Where(f => f.Code is FindingCodes.Expired or FindingCodes.ExpiresSoon)
            .Select(f => (f.Subject, f.Code, f.Severity))
            .ToHashSet();
        (string?, string, Severity)[] expected =
            [(leaf.Sha256, FindingCodes.ExpiresSoon, Severity.Warning), (intermediate.Sha256, FindingCodes.ExpiresSoon, Severity.Warning), (oldRoot.Sha256, FindingCodes.Expired, Severity.Info)];
        Assert.True(expiry.SetEquals(expected), string.Join("; ", expiry));
        Assert.Contains("presented but not on the validated path", report.Findings.Single(f => f.Subject == oldRoot.Sha256).Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, report.Severity);
    }

    [Fact]
    public async Task Assess_ExpiredLeaf_ReportedAsExpiredWithItsDate()
    {
        using var root = TestPki.CreateRoot(notBefore: Now.AddYears(-2), notAfter: Now.AddYears(10));
        using var leaf = TestPki.CreateLeaf(root, dnsNames: ["svc.example.test"], notBefore: Now.AddDays(-100), notAfter: Now.AddDays(-2));

        var report = await AssessAsync(root, leaf.Der);

        Assert.Equal(-2, report.DaysLeft);
        Assert.Equal(report.LeafNotAfter, report.ValidatedPathNotAfter);
        var expired = Assert.Single(report.Findings, f => f.Code == FindingCodes.Expired);
        Assert.Equal((Severity.Critical, leaf.Sha256), (expired.Severity, expired.Subject));
    }

    [Fact]
    public async Task Assess_WeakLeafKey_PolicyFindingOnTheLeaf()
    {
        using var root = TestPki.CreateRoot(notBefore: Now.AddYears(-2), notAfter: Now.AddYears(10), keyType: TestKeyType.Rsa2048);
        using var leaf = TestPki.CreateLeaf(root, dnsNames: ["svc.example.test"], notBefore: Now.AddDays(-1), notAfter: Now.AddDays(80), keyType: TestKeyType.Rsa1024);

        var report = await AssessAsync(root, leaf.Der);

        var weak = Assert.Single(report.Findings, f => f.Code == FindingCodes.WeakKey);
        Assert.Equal(leaf.Sha256, weak.Subject);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.QuantumVulnerable);
    }

    private static Task<EndpointReport> AssessAsync(TestCertificate root, params byte[][] presented)
    {
        var checker = new EndpointChecker(new EndpointScanner(), new ChainValidator(), new FakeTimeProvider(Now), store: null);
        var scan = new EndpointScanResult
        {
            Target = new ScanTarget("svc.example.test", 443),
            Status = ScanStatus.Success,
            PresentedChain = presented,
            Protocol = "TLSv1.3",
        };
        var options = new EndpointCheckOptions { TrustStore = TrustStore.FromCertificates([root.Der]), Record = false };
        return checker.AssessAsync(scan, options, CancellationToken.None);
    }
}
