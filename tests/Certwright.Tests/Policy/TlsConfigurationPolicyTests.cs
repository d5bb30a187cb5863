using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Scanning.Probing;

namespace Certwright.Tests.Policy;

public sealed class TlsConfigurationPolicyTests
{
    private static readonly ScanTarget Target = new("example.test", 443);

    [Fact]
    public void Evaluate_ModernTls13AndTls12Aead_HasNoFindings()
    {
        var result = Result(
            Accepted(TlsVersion.Tls12, "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
            Accepted(TlsVersion.Tls13, "TLS_AES_128_GCM_SHA256"));

        Assert.Empty(TlsConfigurationPolicy.Evaluate(result));
    }

    [Theory]
    [InlineData(TlsVersion.Ssl30, Severity.Critical, "example.test:443 accepts SSLv3 (broken by POODLE); disable it")]
    [InlineData(TlsVersion.Tls10, Severity.Warning, "example.test:443 accepts TLSv1.0 (deprecated by RFC 8996); disable it unless old clients need it")]
    [InlineData(TlsVersion.Tls11, Severity.Warning, "example.test:443 accepts TLSv1.1 (deprecated by RFC 8996); disable it unless old clients need it")]
    public void Evaluate_OldProtocol_IsWeakProtocol(TlsVersion version, Severity severity, string message)
    {
        var result = Result(Accepted(version, "ECDHE-RSA-AES128-SHA"), Accepted(TlsVersion.Tls12, "ECDHE-RSA-AES128-GCM-SHA256"));

        var finding = Assert.Single(TlsConfigurationPolicy.Evaluate(result));

        Assert.Equal(new Finding(FindingCodes.WeakProtocol, severity, message, "example.test:443"), finding);
    }

    [Theory]
    [InlineData("NULL-SHA", Severity.Critical, "NULL (unencrypted)")]
    [InlineData("AECDH-AES128-SHA", Severity.Critical, "anonymous (unauthenticated)")]
    [InlineData("EXP-RC4-MD5", Severity.Critical, "EXPORT-grade")]
    [InlineData("ECDHE-RSA-RC4-SHA", Severity.Critical, "RC4 (prohibited by RFC 7465)")]
    [InlineData("EDH-RSA-DES-CBC-SHA", Severity.Critical, "single-DES")]
    [InlineData("ECDHE-RSA-DES-CBC3-SHA", Severity.Warning, "3DES (64-bit block, Sweet32)")]
    public void Evaluate_WeakSuiteBesideGoodOnes_IsWeakCipherWithItsSeverity(string openSslName, Severity severity, string what)
    {
        var result = Result(Accepted(TlsVersion.Tls12, "ECDHE-RSA-AES128-GCM-SHA256", openSslName));

        var findings = TlsConfigurationPolicy.Evaluate(result).Where(f => f.Severity >= Severity.Warning).ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal(FindingCodes.WeakCipher, finding.Code);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal($"example.test:443 accepts {what} cipher suites in TLSv1.2: {openSslName}; disable them", finding.Message);
    }

    [Fact]
    public void Evaluate_Tls12WithOnlyCbcForwardSecretSuites_WarnsNoAead()
    {
        var result = Result(Accepted(TlsVersion.Tls12, "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384"));

        var finding = Assert.Single(TlsConfigurationPolicy.Evaluate(result));

        Assert.Equal(FindingCodes.WeakCipher, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith("example.test:443 offers no AEAD suite in TLS 1.2", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnlyStaticRsaKeyExchange_WarnsNoForwardSecrecy()
    {
        var result = Result(Accepted(TlsVersion.Tls12, "AES128-GCM-SHA256", "AES256-GCM-SHA384"));

        var finding = Assert.Single(TlsConfigurationPolicy.Evaluate(result));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("example.test:443 has no forward secrecy in TLSv1.2: every accepted suite uses a static key exchange (AES128-GCM-SHA256, AES256-GCM-SHA384); enable ECDHE suites", finding.Message);
    }

    [Fact]
    public void Evaluate_StaticRsaBesideEcdhe_IsInfoOnly()
    {
        var result = Result(Accepted(TlsVersion.Tls12, "ECDHE-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256"));

        var finding = Assert.Single(TlsConfigurationPolicy.Evaluate(result));

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("example.test:443 accepts 1 suite(s) without forward secrecy in TLSv1.2 (AES128-GCM-SHA256)", finding.Message);
    }

    [Fact]
    public void Evaluate_ProtocolsOnlyProbe_JudgesNoSuites()
    {
        var result = Result(new ProtocolSupport { Version = TlsVersion.Tls12, Accepted = true, CipherSuites = [Suite("AES128-SHA")] });

        Assert.Empty(TlsConfigurationPolicy.Evaluate(result));
    }

    [Fact]
    public void Evaluate_ClientCertificateRequested_IsInfo()
    {
        var result = Result(Accepted(TlsVersion.Tls13, "TLS_AES_128_GCM_SHA256")) with { ClientCertificateRequested = true, ClientCertificateAuthorities = [[0x30, 0x00]] };

        var finding = Assert.Single(TlsConfigurationPolicy.Evaluate(result));

        Assert.Equal(new Finding(FindingCodes.ClientCertificateRequested, Severity.Info, "example.test:443 asks for a client certificate (1 acceptable CA name(s) advertised)", "example.test:443"), finding);
    }

    private static TlsProbeResult Result(params ProtocolSupport[] accepted) => new()
    {
        Target = Target,
        Status = ScanStatus.Success,
        Protocols = [.. TlsVersions.All.Select(v => accepted.FirstOrDefault(p => p.Version == v) ?? new ProtocolSupport { Version = v, Accepted = false, Refusal = "alert protocol_version" })],
    };

    private static ProtocolSupport Accepted(TlsVersion version, params string[] suites) => new()
    {
        Version = version,
        Accepted = true,
        CipherSuites = [.. suites.Select(Suite)],
        CipherSuitesEnumerated = true,
    };

    private static CipherSuite Suite(string name) => CipherSuites.All.Single(s => s.OpenSslName == name || s.IanaName == name);
}
