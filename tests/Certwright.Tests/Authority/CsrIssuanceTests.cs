using Certwright.Authority;
using Certwright.Keys;
using Certwright.Tests.Authority.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Authority;

public sealed class CsrIssuanceTests
{
    private static async Task<byte[]> OpensslCsrAsync(TempDirectory dir, string keyAlgorithm, string subject, string? san)
    {
        var key = dir.File("csr.key");
        var csr = dir.File("req.csr");
        var arguments = new List<string> { "req", "-new", "-newkey", keyAlgorithm, "-nodes", "-keyout", key, "-out", csr, "-subj", subject, "-outform", "DER" };
        if (san is not null)
        {
            arguments.AddRange(["-addext", $"subjectAltName={san}"]);
        }

        await OpenSsl.RunAsync([.. arguments]);
        return await File.ReadAllBytesAsync(csr);
    }

    private static IssuanceRequest FromCsr(CertificateProfile profile, byte[] csr) => new(profile) { Csr = csr, CsrSource = "'req.csr'" };

    [Fact]
    public async Task IssueAsync_OpensslCsrWithSans_SignsItsKeyAndNamesAndVerifies()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var csr = await OpensslCsrAsync(ca.Dir, "ec:" + await EcParamsAsync(ca.Dir), "/CN=web.internal/O=Corp", "DNS:web.internal,IP:10.9.8.7");

        var result = await ca.Issuer.IssueAsync(FromCsr(CertificateProfiles.Server, csr), default);
        var leaf = ca.WriteLeaf(result);
        var text = await OpenSsl.RunAsync("x509", "-in", leaf, "-noout", "-text");
        var publicKey = await OpenSsl.RunAsync("pkey", "-in", ca.Dir.File("csr.key"), "-pubout");
        var leafKey = await OpenSsl.RunAsync("x509", "-in", leaf, "-noout", "-pubkey");

        Assert.Equal($"{leaf}: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", ca.IntermediatePem, leaf));
        Assert.Null(result.PrivateKeyPkcs8);
        Assert.Equal(publicKey, leafKey);
        Assert.Contains("Subject: CN = web.internal, O = Corp", text, StringComparison.Ordinal);
        Assert.Contains("DNS:web.internal, IP Address:10.9.8.7", text, StringComparison.Ordinal);
        Assert.Equal("O=Corp,CN=web.internal", result.Certificate.Subject);
    }

    private static async Task<string> EcParamsAsync(TempDirectory dir)
    {
        var path = dir.File("p256.param");
        await OpenSsl.RunAsync("ecparam", "-name", "prime256v1", "-out", path);
        return path;
    }

    [Fact]
    public async Task IssueAsync_CsrWithBadSignature_RefusedInOneLine()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var csr = await OpensslCsrAsync(ca.Dir, "rsa:2048", "/CN=bad.internal", null);
        csr[^10] ^= 0x01; // inside the RSA signature value

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(FromCsr(CertificateProfiles.Server, csr), default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("CSR 'req.csr' has a bad signature (not signed by its own key); make a new CSR", error.Message);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nMIIBdzCCAR0CAQAw\n-----END CERTIFICATE REQUEST-----\n")]
    public async Task IssueAsync_MalformedCsr_RefusedInOneLine(string content)
    {
        await using var ca = await TestAuthority.CreateAsync();

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(FromCsr(CertificateProfiles.Server, System.Text.Encoding.ASCII.GetBytes(content)), default));

        Assert.Equal("CSR 'req.csr' is not a valid PKCS#10 request; make one with 'openssl req -new'", error.Message);
    }

    [Fact]
    public async Task IssueAsync_CsrWithUnsupportedCurve_RefusedNamingTheCurve()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var param = ca.Dir.File("k1.param");
        await OpenSsl.RunAsync("ecparam", "-name", "secp256k1", "-out", param);
        var csr = await OpensslCsrAsync(ca.Dir, "ec:" + param, "/CN=k1.internal", null);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(FromCsr(CertificateProfiles.Server, csr), default));

        Assert.Equal($"CSR 'req.csr' has a key of EC curve 1.3.132.0.10, which Certwright does not issue for; use one of {KeyTypes.NameList}", error.Message);
    }

    [Fact]
    public async Task IssueAsync_KeyTypeNotInProfile_Refused()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var profile = CertificateProfiles.Server with { AllowedKeyTypes = new HashSet<KeyType> { KeyType.EcP256, KeyType.Ed25519 } };

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(new IssuanceRequest(profile) { CommonName = "a.internal", KeyType = KeyType.Rsa2048 }, default));

        Assert.Equal("profile 'server' does not allow key type rsa-2048; use one of ec-p256, ed25519", error.Message);
    }

    [Fact]
    public async Task IssueAsync_ValidityOverProfileMaximum_Refused()
    {
        await using var ca = await TestAuthority.CreateAsync();

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(new IssuanceRequest(CertificateProfiles.ShortLived) { CommonName = "a.internal", Validity = TimeSpan.FromHours(25) }, default));

        Assert.Equal("validity 25h exceeds the maximum of profile 'short-lived' (1d); ask for --validity 1d or less", error.Message);
    }

    [Fact]
    public async Task IssueAsync_SanOutsideProfilePattern_Refused()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var profile = CertificateProfiles.Client with { AllowedSans = ["uri:spiffe://example.org/*", "*.internal"] };

        var ok = await ca.Issuer.IssueAsync(new IssuanceRequest(profile) { SubjectAltNames = [SubjectAltName.Parse("spiffe://example.org/ns/a"), SubjectAltName.Parse("b.internal")] }, default);
        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(new IssuanceRequest(profile) { SubjectAltNames = [SubjectAltName.Parse("spiffe://other.org/a")] }, default));

        Assert.Equal("client", ok.Certificate.Profile);
        Assert.Equal("SAN 'uri:spiffe://other.org/a' is not allowed by profile 'client' (allowed: uri:spiffe://example.org/*, *.internal)", error.Message);
    }

    [Fact]
    public async Task IssueAsync_ServerProfileWithUriSan_Refused()
    {
        await using var ca = await TestAuthority.CreateAsync();

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(new IssuanceRequest(CertificateProfiles.Server) { SubjectAltNames = [SubjectAltName.Parse("spiffe://example.org/a")] }, default));

        Assert.Equal("SAN 'uri:spiffe://example.org/a' is not allowed by profile 'server' (allowed: dns:*, ip:*)", error.Message);
    }
}
