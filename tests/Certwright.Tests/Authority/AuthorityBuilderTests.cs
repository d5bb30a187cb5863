using System.Net;
using Certwright.Authority;
using Certwright.Keys;
using Certwright.Tests.Authority.TestSupport;
using Certwright.Tests.Keys;
using Certwright.Tests.TestSupport;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Authority;

// With the PKCS#11 store tests: SoftHSM reads its token directory at C_Initialize, so a token made while another test
// holds the module loaded is not seen by it.
[Collection(nameof(SoftHsm))]
public sealed class AuthorityBuilderTests
{
    private static readonly AuthorityOptions Constrained = new("corp")
    {
        PermittedDns = ["example.internal"],
        ExcludedDns = ["secret.example.internal"],
        PermittedIp = [IPNetwork.Parse("10.0.0.0/8")],
    };

    [Fact]
    public async Task CreateAsync_RootAndIntermediate_CarryPathLengthsCriticalKeyUsagesAndNameConstraints()
    {
        await using var ca = await TestAuthority.CreateAsync(Constrained);

        var root = await OpenSsl.RunAsync("x509", "-in", ca.RootPem, "-noout", "-text");
        var intermediate = await OpenSsl.RunAsync("x509", "-in", ca.IntermediatePem, "-noout", "-text");
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, ca.IntermediatePem);

        Assert.Equal($"{ca.IntermediatePem}: OK\n", verify);
        Assert.Contains("Subject: CN = corp Root CA", root, StringComparison.Ordinal);
        Assert.Contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:1", root, StringComparison.Ordinal);
        Assert.Contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign\n", root, StringComparison.Ordinal);
        Assert.Contains("X509v3 Subject Key Identifier", root, StringComparison.Ordinal);
        Assert.Contains("Issuer: CN = corp Root CA", intermediate, StringComparison.Ordinal);
        Assert.Contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0", intermediate, StringComparison.Ordinal);
        Assert.Contains("X509v3 Key Usage: critical\n                Digital Signature, Certificate Sign, CRL Sign\n", intermediate, StringComparison.Ordinal);
        Assert.Contains("X509v3 Name Constraints: critical\n                Permitted:\n                  DNS:example.internal\n                  IP:10.0.0.0/255.0.0.0\n                Excluded:\n                  DNS:secret.example.internal", intermediate, StringComparison.Ordinal);
        Assert.Contains("X509v3 Authority Key Identifier", intermediate, StringComparison.Ordinal);
        var rootCert = new X509CertificateParser().ReadCertificate(ca.Record.Chain[0]);
        var issuingCert = new X509CertificateParser().ReadCertificate(ca.Record.IssuingCertificate);
        Assert.Equal(3652, (rootCert.NotAfter - rootCert.NotBefore - TimeSpan.FromMinutes(1)).Days);
        Assert.Equal(1826, (issuingCert.NotAfter - issuingCert.NotBefore - TimeSpan.FromMinutes(1)).Days);
    }

    [Fact]
    public async Task CreateAsync_RecordsCaAndBothCertificatesUnderRootAndIntermediateProfiles()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var rootSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ca.Record.Chain[0]));
        var intermediateSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ca.Record.IssuingCertificate));

        Assert.Equal("root", Assert.Single(await ca.Store.FindIssuedAsync(rootSha, default)).Profile);
        Assert.Equal("intermediate", Assert.Single(await ca.Store.FindIssuedAsync(intermediateSha, default)).Profile);
        Assert.Equal(KeyStoreKind.File, (await ca.Store.FindAuthorityAsync("corp", default))!.IssuingKey.Store);
    }

    [Fact]
    public async Task CreateAsync_NameTaken_RefusedBeforeGeneratingKeys()
    {
        await using var ca = await TestAuthority.CreateAsync();
        using var passphrase = KeyPassphrase.FromString(TestAuthority.Passphrase);
        var keys = new EncryptedFileKeyStore(ca.Dir.File("data/keys"), passphrase, TimeProvider.System);
        var before = await keys.ListAsync(default).CountAsync();

        var error = await Assert.ThrowsAsync<CertwrightException>(() => new AuthorityBuilder(ca.Store, TimeProvider.System).CreateAsync(new AuthorityOptions("corp"), keys, default));

        Assert.Equal("a CA named 'corp' exists; choose another name ('certwright ca list' shows them)", error.Message);
        Assert.Equal(before, await keys.ListAsync(default).CountAsync());
    }

    [Theory]
    [InlineData("Corp")]
    [InlineData("-corp")]
    [InlineData("corp/x")]
    public void ValidateName_Invalid_ThrowsUsage(string name)
    {
        var error = Assert.Throws<CertwrightException>(() => AuthorityOptions.ValidateName(name));

        Assert.Equal($"CA name '{name}' is not valid; use 1-63 lowercase letters, digits and '-', starting with a letter or digit", error.Message);
    }

    [Fact]
    public async Task IssueAsync_SanOutsidePermittedDns_RefusedNamingTheConstraint()
    {
        await using var ca = await TestAuthority.CreateAsync(Constrained);
        var request = new IssuanceRequest(CertificateProfiles.Server) { SubjectAltNames = [SubjectAltName.Parse("api.example.com")] };

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(request, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("SAN 'dns:api.example.com' is outside the name constraints of CA 'corp': not within the permitted dns names (example.internal)", error.Message);
    }

    [Theory]
    [InlineData("db.secret.example.internal", "SAN 'dns:db.secret.example.internal' is outside the name constraints of CA 'corp': excluded by 'secret.example.internal'")]
    [InlineData("192.168.1.1", "SAN 'ip:192.168.1.1' is outside the name constraints of CA 'corp': not within the permitted ip names (10.0.0.0/8)")]
    public async Task IssueAsync_ExcludedOrOutsideIp_Refused(string san, string message)
    {
        await using var ca = await TestAuthority.CreateAsync(Constrained);
        var request = new IssuanceRequest(CertificateProfiles.Server) { SubjectAltNames = [SubjectAltName.Parse(san)] };

        var error = await Assert.ThrowsAsync<CertwrightException>(() => ca.Issuer.IssueAsync(request, default));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task IssueAsync_InsideConstraints_VerifiesAndForgedOutsideIsRejectedByOpenssl()
    {
        await using var ca = await TestAuthority.CreateAsync(Constrained);
        var good = await ca.Issuer.IssueAsync(new IssuanceRequest(CertificateProfiles.Server) { CommonName = "api.example.internal", SubjectAltNames = [SubjectAltName.Parse("api.example.internal"), SubjectAltName.Parse("10.1.2.3")] }, default);
        // Bypass the issuer's check, as a CA bug would: the verifier must still refuse the name.
        using var leafKey = Certwright.Keys.Internal.SoftwareKeys.Generate("forged", KeyType.EcP256);
        var template = new IssuerTemplate(ca.Record, ca.Signing.Key.SignatureAlgorithmIdentifier);
        var now = DateTimeOffset.UtcNow;
        var forged = LeafCertificateWriter.Sign(template, ca.Signing.Key, new LeafFields(
            [0x42], [0x30, 0x00], leafKey.SubjectPublicKeyInfo, KeyType.EcP256, now.AddMinutes(-1), now.AddDays(1),
            CertificateDer.ExtendedKeyUsage([CertificateProfile.Oids.ServerAuth]), [SubjectAltName.Parse("api.example.com")]));

        var goodPath = ca.WriteLeaf(good);
        var verified = await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", ca.IntermediatePem, goodPath);
        var rejected = await OpenSsl.TryRunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", ca.IntermediatePem, ca.Dir.Write("forged.pem", TestAuthority.Pem(forged)));

        Assert.Equal($"{goodPath}: OK\n", verified);
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("permitted subtree violation", rejected.StandardOutput + rejected.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_MlDsa65_RootIntermediateAndLeafVerifyWithBouncyCastle()
    {
        await using var ca = await TestAuthority.CreateAsync(KeyType.MlDsa65);

        var result = await ca.Issuer.IssueAsync(new IssuanceRequest(CertificateProfiles.Server) { CommonName = "pq.internal", KeyType = KeyType.MlDsa65 }, default);
        var parser = new X509CertificateParser();
        var root = parser.ReadCertificate(ca.Record.Chain[0]);
        var intermediate = parser.ReadCertificate(ca.Record.IssuingCertificate);
        var leaf = parser.ReadCertificate(result.Certificate.Der);

        root.Verify(root.GetPublicKey());
        intermediate.Verify(root.GetPublicKey());
        leaf.Verify(intermediate.GetPublicKey());
        Assert.Equal("2.16.840.1.101.3.4.3.18", leaf.SigAlgOid);
        Assert.Equal("2.16.840.1.101.3.4.3.18", root.SigAlgOid);
        Assert.Equal(KeyUsageDigitalSignatureOnly, leaf.GetKeyUsage());
        Assert.Throws<Org.BouncyCastle.Security.InvalidKeyException>(() => leaf.Verify(root.GetPublicKey()));
    }

    private static readonly bool[] KeyUsageDigitalSignatureOnly = [true, false, false, false, false, false, false, false, false];

    [Fact]
    public async Task CreateAsync_Pkcs11_CaKeysStayNonExtractableInTokenAndIssuanceVerifiesWithOpenssl()
    {
        Pkcs11Options? options = null;
        await using var ca = await TestAuthority.CreateAsync(
            new AuthorityOptions("hsm") { KeyType = KeyType.EcP384 },
            async dir =>
            {
                options = await SoftHsm.CreateTokenAsync(dir);
                return await Pkcs11KeyStore.OpenAsync(options, default);
            });

        var result = await ca.Issuer.IssueAsync(new IssuanceRequest(CertificateProfiles.Server) { CommonName = "hsm.internal" }, default);
        var leaf = ca.WriteLeaf(result);
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", ca.IntermediatePem, leaf);
        using var token = await Pkcs11KeyStore.OpenAsync(options!, default);
        var keys = await token.ListAsync(default).ToListAsync();
        var tool = await ProcessResult.RunAsync(
            ExternalTool.Require("pkcs11-tool", "opensc"),
            ["--module", SoftHsm.ModulePath, "--token-label", options!.TokenLabel, "--login", "--pin", SoftHsm.UserPin, "--list-objects", "--type", "privkey"],
            TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["SOFTHSM2_CONF"] = SoftHsm.ConfigPath });

        Assert.Equal($"{leaf}: OK\n", verify);
        Assert.Equal(KeyStoreKind.Pkcs11, ca.Record.IssuingKey.Store);
        Assert.Equal(["hsm-issuing", "hsm-root"], keys.Select(k => k.Label).Order());
        Assert.All(keys, k => Assert.False(k.Extractable));
        Assert.Equal(2, tool.EnsureSuccess().StandardOutput.Split("Access:     sensitive, always sensitive, never extractable, local").Length - 1);
    }
}
