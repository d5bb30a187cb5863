using Certwright.Monitoring;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Monitoring;

/// <summary>
/// One nginx with a site per certificate problem, each judged by a real scan and <see cref="EndpointChecker"/>:
/// every finding code issue 3 names for certificates is produced on a real endpoint, not only by the policy's
/// unit tests, and the three expiries stay apart (no verified chain for an untrusted one, still its dates).
/// </summary>
public sealed class EndpointFindingsNginxTests(EndpointFindingsNginxTests.Sites sites) : IClassFixture<EndpointFindingsNginxTests.Sites>
{
    // `about`: the position in the presented chain of the certificate the finding names.
    [Theory]
    [InlineData("weak-key", FindingCodes.WeakKey, Severity.Critical, 0)] // RSA 1024: the WebPKI path rules refuse it
    [InlineData("missing-san", FindingCodes.MissingSan, Severity.Warning, 0)]
    [InlineData("long-validity", FindingCodes.LongValidity, Severity.Warning, 0)]
    [InlineData("wrong-order", FindingCodes.WrongChainOrder, Severity.Warning, 2)] // CA 2 issued the leaf but comes second
    [InlineData("untrusted-root", FindingCodes.UntrustedRoot, Severity.Critical, 1)]
    [InlineData("not-yet-valid", FindingCodes.NotYetValid, Severity.Critical, 0)]
    [InlineData("hostname-mismatch", FindingCodes.HostnameMismatch, Severity.Critical, 0)]
    [InlineData("expired", FindingCodes.Expired, Severity.Critical, 0)]
    [InlineData("self-signed", FindingCodes.SelfSigned, Severity.Critical, 0)]
    public async Task Assess_NginxSite_ProducesItsFindingCode(string site, string code, Severity severity, int about)
    {
        var report = await sites.CheckAsync(site);

        var codes = string.Join(", ", report.Findings.Select(f => $"{f.Code}/{f.Severity}/{f.Subject?[..8]}"));
        var finding = report.Findings.SingleOrDefault(f => f.Code == code && f.Subject == report.Chain[about].Sha256);
        Assert.True(finding is not null, $"{site}: no {code} about certificate {about}; found {codes}");
        Assert.True(finding.Severity == severity, $"{site}: {codes}");
        Assert.True(report.Severity >= severity);
    }

    [Fact]
    public async Task Assess_Fine_NoFindings()
    {
        var report = await sites.CheckAsync("fine");

        Assert.Empty(report.Findings);
        Assert.True(report.Validation!.IsValid);
    }

    [Fact]
    public async Task Assess_ExpiredLeaf_ExpiredWithItsDatesNotMissingData()
    {
        var report = await sites.CheckAsync("expired");

        var leaf = sites.Leaves["expired"].Certificate.NotAfter.ToUniversalTime();
        Assert.Equal(leaf, report.LeafNotAfter!.Value.UtcDateTime);
        Assert.Equal(leaf, report.PresentedChainNotAfter!.Value.UtcDateTime);
        // The path reaches the trust anchor and fails because of the leaf: its date is the path's.
        Assert.Equal(leaf, report.ValidatedPathNotAfter!.Value.UtcDateTime);
        Assert.True(report.DaysLeft < 0);
        Assert.False(report.Validation!.IsValid);
    }

    [Fact]
    public async Task Assess_UntrustedRoot_NoValidatedPathButTheLeafsExpiry()
    {
        var report = await sites.CheckAsync("untrusted-root");

        var leaf = sites.Leaves["untrusted-root"].Certificate.NotAfter.ToUniversalTime();
        Assert.Equal(leaf, report.LeafNotAfter!.Value.UtcDateTime);
        Assert.Equal(leaf, report.PresentedChainNotAfter!.Value.UtcDateTime);
        Assert.Null(report.ValidatedPathNotAfter);
        Assert.Equal(2, report.Chain.Count);
    }

    [Fact]
    public async Task Assess_UnusedExpiredCertificatePresented_ThreeExpiriesApartAndOnlyInformation()
    {
        var report = await sites.CheckAsync("unused-expired");

        Assert.True(report.Validation!.IsValid);
        var leaf = sites.Leaves["unused-expired"].Certificate.NotAfter.ToUniversalTime();
        Assert.Equal(leaf, report.LeafNotAfter!.Value.UtcDateTime);
        Assert.Equal(sites.OldRoot.Certificate.NotAfter.ToUniversalTime(), report.PresentedChainNotAfter!.Value.UtcDateTime);
        Assert.Equal(leaf, report.ValidatedPathNotAfter!.Value.UtcDateTime);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingCodes.Expired, Severity.Info, report.Chain[1].Sha256), (finding.Code, finding.Severity, finding.Subject));
    }

    /// <summary>The nginx sites, started once for the class.</summary>
    public sealed class Sites : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new();
        private readonly Dictionary<string, int> _ports = [];
        private readonly List<TestCertificate> _owned = [];
        private NginxServer? _nginx;

        public Dictionary<string, TestCertificate> Leaves { get; } = [];

        public TestCertificate Root { get; private set; } = null!;

        public TestCertificate OtherRoot { get; private set; } = null!;

        public TestCertificate OldRoot { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var now = DateTimeOffset.UtcNow;
            Root = Own(TestPki.CreateRoot("Findings Root", notBefore: now.AddYears(-1), notAfter: now.AddYears(5), keyType: TestKeyType.Rsa2048));
            OtherRoot = Own(TestPki.CreateRoot("Unknown Root", notBefore: now.AddYears(-1), notAfter: now.AddDays(60), keyType: TestKeyType.Rsa2048));
            OldRoot = Own(TestPki.CreateRoot("Old Root", notBefore: now.AddYears(-3), notAfter: now.AddDays(-10), keyType: TestKeyType.Rsa2048));
            var first = Own(TestPki.CreateIntermediate(Root, "Findings CA 1", notBefore: now.AddYears(-1), notAfter: now.AddYears(4), keyType: TestKeyType.Rsa2048, pathLength: 1));
            var second = Own(TestPki.CreateIntermediate(first, "Findings CA 2", notBefore: now.AddYears(-1), notAfter: now.AddYears(3), keyType: TestKeyType.Rsa2048));

            TestCertificate Leaf(TestCertificate issuer, string? name = null, string[]? dns = null, int fromDays = -1, int toDays = 90, TestKeyType key = TestKeyType.Rsa2048) =>
                Own(TestPki.CreateLeaf(issuer, name ?? "localhost", dnsNames: dns, notBefore: now.AddDays(fromDays), notAfter: now.AddDays(toDays), keyType: key));

            var sites = new List<NginxSite>
            {
                Site("fine", [Leaf(Root)]),
                Site("weak-key", [Leaf(Root, key: TestKeyType.Rsa1024)], "ssl_ciphers 'DEFAULT:@SECLEVEL=0';"),
                Site("missing-san", [Leaf(Root, dns: [])]),
                Site("long-validity", [Leaf(Root, fromDays: -10, toDays: 390)]),
                Site("wrong-order", [Leaf(second), first, second]),
                Site("untrusted-root", [Leaf(OtherRoot, toDays: 30), OtherRoot]),
                Site("unused-expired", [Leaf(Root), OldRoot]),
                Site("not-yet-valid", [Leaf(Root, fromDays: 2, toDays: 90)]),
                Site("hostname-mismatch", [Leaf(Root, name: "other.test")]),
                Site("expired", [Leaf(Root, fromDays: -90, toDays: -3)]),
                Site("self-signed", [Own(TestPki.CreateSelfSignedLeaf("localhost", notBefore: now.AddDays(-1), notAfter: now.AddDays(90), keyType: TestKeyType.Rsa2048))]),
            };
            _nginx = await NginxServer.StartAsync(sites);
        }

        public async Task DisposeAsync()
        {
            if (_nginx is not null)
            {
                await _nginx.DisposeAsync();
            }

            foreach (var certificate in _owned)
            {
                certificate.Dispose();
            }

            _directory.Dispose();
        }

        /// <summary>Scans the site as <c>localhost</c> and judges it against <see cref="Root"/>, private validity limit 200 days.</summary>
        public async Task<EndpointReport> CheckAsync(string site)
        {
            var scanner = new EndpointScanner();
            var scan = await scanner.ScanAsync(new ScanTarget("localhost", _ports[site]));
            Assert.True(scan.Status == ScanStatus.Success, $"{site}: {scan.Error}");
            var checker = new EndpointChecker(scanner, new ChainValidator(), TimeProvider.System, store: null);
            return await checker.AssessAsync(
                scan,
                new EndpointCheckOptions
                {
                    TrustStore = TrustStore.FromCertificates([Root.Der]),
                    Record = false,
                    CertificatePolicy = CertificatePolicyOptions.Default with
                    {
                        ReportQuantumVulnerable = false,
                        PrivateValidityLimits = ValidityLimits.Fixed(TimeSpan.FromDays(200)),
                    },
                },
                CancellationToken.None);
        }

        private NginxSite Site(string name, TestCertificate[] presented, string? directives = null)
        {
            Leaves[name] = presented[0];
            var port = FreePort.Next();
            _ports[name] = port;
            var chain = _directory.Write($"{name}.pem", TestPki.Bundle(presented));
            var key = _directory.Write($"{name}.key", presented[0].PrivateKeyPem);
            return new NginxSite(port, chain, key, ExtraDirectives: directives);
        }

        private TestCertificate Own(TestCertificate certificate)
        {
            _owned.Add(certificate);
            return certificate;
        }
    }
}
