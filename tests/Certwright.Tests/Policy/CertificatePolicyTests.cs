using Certwright.Certificates;
using Certwright.Policy;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Policy;

public sealed class CertificatePolicyTests
{
    private static readonly DateTimeOffset Issued = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CertificatePolicyOptions NoQuantum = new() { ReportQuantumVulnerable = false };

    [Fact]
    public void Evaluate_HealthyEcServerCertificate_OnlyQuantumInfo()
    {
        var findings = CertificatePolicy.Evaluate(ServerCertificate(), CertificatePolicyOptions.Default, publiclyTrusted: true);

        var finding = Assert.Single(findings);
        Assert.Equal(FindingCodes.QuantumVulnerable, finding.Code);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("EC P-256", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MlDsaKey_NotQuantumVulnerable()
    {
        var certificate = ServerCertificate() with { PublicKey = new PublicKeyDescription(KeyAlgorithm.MlDsa, 192, "ML-DSA-65", "2.16.840.1.101.3.4.3.18") };

        Assert.Empty(CertificatePolicy.Evaluate(certificate, CertificatePolicyOptions.Default));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa, 1024, "P", Severity.Warning)]
    [InlineData(KeyAlgorithm.Rsa, 768, null, Severity.Critical)]
    [InlineData(KeyAlgorithm.Ec, 192, "P-192", Severity.Warning)]
    [InlineData(KeyAlgorithm.Dsa, 2048, null, Severity.Warning)]
    public void Evaluate_WeakKey_Reported(KeyAlgorithm algorithm, int bits, string? parameters, Severity severity)
    {
        var certificate = ServerCertificate() with { PublicKey = new PublicKeyDescription(algorithm, bits, parameters, "1.2.3") };

        var finding = Assert.Single(CertificatePolicy.Evaluate(certificate, NoQuantum));

        Assert.Equal((FindingCodes.WeakKey, severity, certificate.Sha256), (finding.Code, finding.Severity, finding.Subject));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa, 2048, null)]
    [InlineData(KeyAlgorithm.Ec, 256, "P-256")]
    [InlineData(KeyAlgorithm.Ed25519, 256, null)]
    public void Evaluate_StrongKey_NoWeakKey(KeyAlgorithm algorithm, int bits, string? parameters)
    {
        var certificate = ServerCertificate() with { PublicKey = new PublicKeyDescription(algorithm, bits, parameters, "1.2.3") };

        Assert.Empty(CertificatePolicy.Evaluate(certificate, NoQuantum));
    }

    [Fact]
    public async Task Evaluate_OpensslSha1SignedRsa1024Leaf_Sha1SignatureAndWeakKey()
    {
        using var directory = new TempDirectory();
        await OpenSsl.RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=SHA-1 Test Root", "-days", "30", "-keyout", directory.File("root.key"), "-out", directory.File("root.pem"));
        await OpenSsl.RunAsync("req", "-new", "-newkey", "rsa:1024", "-nodes", "-subj", "/CN=legacy.example.test", "-keyout", directory.File("leaf.key"), "-out", directory.File("leaf.csr"));
        await File.WriteAllTextAsync(directory.File("ext.cnf"), "subjectAltName=DNS:legacy.example.test\nbasicConstraints=CA:FALSE\n");
        await OpenSsl.RunAsync("x509", "-req", "-in", directory.File("leaf.csr"), "-CA", directory.File("root.pem"), "-CAkey", directory.File("root.key"), "-CAcreateserial", "-sha1", "-days", "30", "-extfile", directory.File("ext.cnf"), "-out", directory.File("leaf.pem"));
        var leaf = CertificateRecord.FromDer(Convert.FromBase64String(string.Concat(File.ReadAllLines(directory.File("leaf.pem")).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))));

        var findings = CertificatePolicy.Evaluate(leaf, NoQuantum);

        Assert.Equal([FindingCodes.WeakKey, FindingCodes.Sha1Signature], findings.Select(f => f.Code));
        Assert.Contains("RSA 1024", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, findings[1].Severity);
    }

    [Fact]
    public void Evaluate_Md5Signature_Critical()
    {
        var certificate = ServerCertificate() with { SignatureAlgorithmOid = "1.2.840.113549.1.1.4", SignatureAlgorithm = "md5WithRSAEncryption" };

        var finding = Assert.Single(CertificatePolicy.Evaluate(certificate, NoQuantum));

        Assert.Equal((FindingCodes.WeakSignatureAlgorithm, Severity.Critical), (finding.Code, finding.Severity));
    }

    [Fact]
    public void Evaluate_SelfSignedSha1Root_NoSignatureFinding()
    {
        var root = ServerCertificate() with
        {
            SignatureAlgorithmOid = "1.2.840.113549.1.1.5",
            IsSelfSigned = true,
            BasicConstraints = new BasicConstraintsInfo(true, null, true),
        };

        Assert.Empty(CertificatePolicy.Evaluate(root, NoQuantum));
    }

    [Fact]
    public void Evaluate_ServerCertificateWithoutSan_MissingSan()
    {
        var certificate = ServerCertificate() with { SubjectAlternativeNames = [] };

        var finding = Assert.Single(CertificatePolicy.Evaluate(certificate, NoQuantum));

        Assert.Equal(FindingCodes.MissingSan, finding.Code);
    }

    [Fact]
    public void Evaluate_ClientOnlyCertificateWithoutSan_NoMissingSan()
    {
        var certificate = ServerCertificate() with { SubjectAlternativeNames = [], ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.2"] };

        Assert.Empty(CertificatePolicy.Evaluate(certificate, NoQuantum));
    }

    [Fact]
    public void Evaluate_SelfSignedEndEntity_SelfSigned()
    {
        var certificate = ServerCertificate() with { IsSelfSigned = true };

        Assert.Equal([FindingCodes.SelfSigned], CertificatePolicy.Evaluate(certificate, NoQuantum).Select(f => f.Code));
    }

    [Theory]
    // Issued 2026-04-01: 200 days allowed. The BR count both ends, so notAfter = notBefore + 200 days - 1 s is exactly 200 days.
    [InlineData("2026-04-01T00:00:00Z", 200, -1, false)]
    [InlineData("2026-04-01T00:00:00Z", 200, 0, true)]
    // Issued the day before SC-081's first step: 398 days still allowed.
    [InlineData("2026-03-14T23:59:59Z", 398, -1, false)]
    [InlineData("2026-03-15T00:00:00Z", 201, -1, true)]
    [InlineData("2027-03-15T00:00:00Z", 100, -1, false)]
    [InlineData("2027-03-15T00:00:00Z", 101, -1, true)]
    [InlineData("2029-03-15T00:00:00Z", 47, -1, false)]
    [InlineData("2029-03-15T00:00:00Z", 48, -1, true)]
    public void Evaluate_PublicValidity_FollowsTheCaBrowserForumSchedule(string notBefore, int days, int extraSeconds, bool expected)
    {
        var start = DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture);
        var certificate = ServerCertificate() with { NotBefore = start, NotAfter = start.AddDays(days).AddSeconds(extraSeconds) };

        var codes = CertificatePolicy.Evaluate(certificate, NoQuantum, publiclyTrusted: true).Select(f => f.Code);

        Assert.Equal(expected, codes.Contains(FindingCodes.LongValidity));
    }

    [Fact]
    public void Evaluate_LongPrivateCertificate_OnlyWithPrivateLimits()
    {
        var certificate = ServerCertificate() with { NotBefore = Issued, NotAfter = Issued.AddYears(2) };

        Assert.Empty(CertificatePolicy.Evaluate(certificate, NoQuantum, publiclyTrusted: false));
        var limited = NoQuantum with { PrivateValidityLimits = ValidityLimits.Fixed(TimeSpan.FromDays(365)) };
        var finding = Assert.Single(CertificatePolicy.Evaluate(certificate, limited, publiclyTrusted: null));
        Assert.Equal(FindingCodes.LongValidity, finding.Code);
        Assert.Contains("may last at most 365 days", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LongValidityCa_NotJudgedAsServerCertificate()
    {
        var ca = ServerCertificate() with { NotBefore = Issued, NotAfter = Issued.AddYears(10), BasicConstraints = new BasicConstraintsInfo(true, 0, true) };

        Assert.Empty(CertificatePolicy.Evaluate(ca, NoQuantum, publiclyTrusted: true));
    }

    private static CertificateRecord ServerCertificate()
    {
        using var root = TestPki.CreateRoot(notBefore: Issued.AddYears(-1), notAfter: Issued.AddYears(5));
        using var leaf = TestPki.CreateLeaf(root, dnsNames: ["svc.example.test"], notBefore: Issued, notAfter: Issued.AddDays(90));
        return CertificateRecord.FromDer(leaf.Der);
    }
}
