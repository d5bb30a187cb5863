using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Protocol;

namespace Certwright.Tests.Acme.Protocol;

public sealed class AcmeCertificateIdTests
{
    [Fact]
    public void FromCertificate_Rfc9773Example_MatchesRfc()
    {
        // RFC 9773 section 4.1: keyIdentifier 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4, serial 0x0087654321.
        using var certificate = Create(Convert.FromHexString("69885B6B87464041E1B37B847BA0AE2CDE01C8D4"), [0x00, 0x87, 0x65, 0x43, 0x21]);

        Assert.Equal("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", AcmeCertificateId.FromCertificate(certificate));
    }

    [Fact]
    public void Create_Rfc9773Parts_MatchesRfc()
    {
        Assert.Equal(
            "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE",
            AcmeCertificateId.Create(Base64Url.DecodeFromChars("aYhba4dGQEHhs3uEe6CuLN4ByNQ"), [0x00, 0x87, 0x65, 0x43, 0x21]));
    }

    [Fact]
    public void FromCertificate_NoAuthorityKeyIdentifier_UsageError()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=self", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));

        var error = Assert.Throws<CertwrightException>(() => AcmeCertificateId.FromCertificate(certificate));

        Assert.Equal("certificate CN=self has no authority key identifier, so it has no ARI certID", error.Message);
    }

    private static X509Certificate2 Create(byte[] keyIdentifier, byte[] serial)
    {
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=leaf", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(keyIdentifier));
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return request.Create(new X500DistinguishedName("CN=issuer"), generator, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), serial);
    }
}
