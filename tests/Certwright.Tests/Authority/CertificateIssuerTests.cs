using Certwright.Authority;
using Certwright.Keys;
using Certwright.Tests.Authority.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Authority;

public sealed class CertificateIssuerTests
{
    private static readonly Uri PublicUrl = new("http://ca.test:8080");

    private static IssuanceRequest Server(params string[] sans) =>
        new(CertificateProfiles.Server) { CommonName = sans.Length > 0 ? sans[0] : null, SubjectAltNames = [.. sans.Select(SubjectAltName.Parse)] };

    [Theory]
    [InlineData(KeyType.Rsa2048)]
    [InlineData(KeyType.Rsa3072)]
    [InlineData(KeyType.EcP256)]
    [InlineData(KeyType.EcP384)]
    [InlineData(KeyType.Ed25519)]
    public async Task IssueAsync_ServerCertEachClassicKeyType_OpensslVerifiesChainForSslServer(KeyType type)
    {
        await using var ca = await TestAuthority.CreateAsync(type);

        var result = await ca.Issuer.IssueAsync(Server("api.internal") with { KeyType = type }, default);
        var leaf = ca.WriteLeaf(result);
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", ca.IntermediatePem, "-purpose", "sslserver", leaf);

        Assert.Equal($"{leaf}: OK\n", verify);
        Assert.NotNull(result.PrivateKeyPkcs8);
        Assert.Equal([ca.Record.IssuingCertificate, ca.Record.Chain[0]], result.Chain);
    }

    [Fact]
    public async Task IssueAsync_Server_OpensslTextShowsKeyUsagesSansAiaAndCdp()
    {
        await using var ca = await TestAuthority.CreateAsync(KeyType.EcP256, PublicUrl);

        var result = await ca.Issuer.IssueAsync(Server("api.internal", "10.0.0.5") with { KeyType = KeyType.Rsa2048 }, default);
        var text = await OpenSsl.RunAsync("x509", "-in", ca.WriteLeaf(result), "-noout", "-text");

        Assert.Contains("X509v3 Basic Constraints: critical\n                CA:FALSE", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Extended Key Usage: \n                TLS Web Server Authentication\n", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Subject Alternative Name: \n                DNS:api.internal, IP Address:10.0.0.5\n", text, StringComparison.Ordinal);
        Assert.Contains("OCSP - URI:http://ca.test:8080/ocsp", text, StringComparison.Ordinal);
        Assert.Contains("CA Issuers - URI:http://ca.test:8080/ca/corp.crt", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 CRL Distribution Points: \n                Full Name:\n                  URI:http://ca.test:8080/crl/corp.crl", text, StringComparison.Ordinal);
        Assert.Contains("Subject: CN = api.internal", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Subject Key Identifier", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Authority Key Identifier", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_ClientProfileEd25519WithSpiffeId_HasClientAuthDigitalSignatureOnlyAndVerifiesForSslClient()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var request = new IssuanceRequest(CertificateProfiles.Client)
        {
            SubjectAltNames = [SubjectAltName.Parse("spiffe://example.org/billing")],
            KeyType = KeyType.Ed25519,
        };

        var result = await ca.Issuer.IssueAsync(request, default);
        var leaf = ca.WriteLeaf(result);
        var text = await OpenSsl.RunAsync("x509", "-in", leaf, "-noout", "-text");
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", ca.IntermediatePem, "-purpose", "sslclient", leaf);

        Assert.Equal($"{leaf}: OK\n", verify);
        Assert.Contains("X509v3 Key Usage: critical\n                Digital Signature\n", text, StringComparison.Ordinal);
        Assert.Contains("TLS Web Client Authentication", text, StringComparison.Ordinal);
        // Empty subject: the SAN must be critical (RFC 5280 §4.2.1.6).
        Assert.Contains("X509v3 Subject Alternative Name: critical\n                URI:spiffe://example.org/billing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Authority Information Access", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_ShortLived_ValidFor24HoursBackdatedOneMinuteAndRecordedBeforeReturn()
    {
        await using var ca = await TestAuthority.CreateAsync();

        var result = await ca.Issuer.IssueAsync(new IssuanceRequest(CertificateProfiles.ShortLived) { CommonName = "job.internal" }, default);
        var stored = await ca.Store.FindIssuedAsync(result.Certificate.Sha256, default);
        var certificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(result.Certificate.Der);

        Assert.InRange(certificate.NotAfter - certificate.NotBefore, TimeSpan.FromHours(24) + TimeSpan.FromSeconds(59), TimeSpan.FromHours(24) + TimeSpan.FromSeconds(61));
        Assert.Equal(result.Certificate.Der, Assert.Single(stored).Der);
        Assert.Equal("short-lived", stored[0].Profile);
        Assert.Equal(certificate.SerialNumber.ToByteArrayUnsigned(), stored[0].Serial);
        Assert.Equal(16, certificate.SerialNumber.ToByteArrayUnsigned().Length);
    }

    [Fact]
    public async Task IssueAsync_SixteenInParallel_NeverRepeatASerialAndAllAreInTheLedger()
    {
        await using var ca = await TestAuthority.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => ca.Issuer.IssueAsync(Server($"host{i}.internal"), default))));

        Assert.Equal(16, results.Select(r => Convert.ToHexString(r.Certificate.Serial)).Distinct().Count());
        foreach (var result in results)
        {
            Assert.Single(await ca.Store.FindIssuedAsync(SerialNumbers.ToHex(result.Certificate.Serial), default));
        }
    }

    [Fact]
    public async Task IssueAsync_StoreReportsDuplicateSerial_DrawsANewSerial()
    {
        await using var ca = await TestAuthority.CreateAsync();
        var store = new DuplicateOnceStore(ca.Store);
        var issuer = new CertificateIssuer(ca.Signing, store, TimeProvider.System);

        var result = await issuer.IssueAsync(Server("retry.internal"), default);

        Assert.Equal(2, store.Attempts.Count);
        Assert.NotEqual(store.Attempts[0], store.Attempts[1]);
        Assert.Equal(store.Attempts[1], Convert.ToHexString(result.Certificate.Serial));
    }
}
