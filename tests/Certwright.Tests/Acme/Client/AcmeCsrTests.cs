using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Client;
using Certwright.Keys;

namespace Certwright.Tests.Acme.Client;

public sealed class AcmeCsrTests
{
    [Theory]
    [InlineData(KeyType.EcP256, "1.2.840.10045.4.3.2")]
    [InlineData(KeyType.EcP384, "1.2.840.10045.4.3.3")]
    [InlineData(KeyType.Rsa2048, "1.2.840.113549.1.1.11")]
    public void Create_KeyType_SignedCsrWithCnAndAllSans(KeyType type, string signatureOid)
    {
        var (der, pkcs8) = AcmeCsr.Create(["www.example.test", "*.example.test"], type);

        var csr = CertificateRequest.LoadSigningRequest(der, System.Security.Cryptography.HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        Assert.Equal("CN=www.example.test", csr.SubjectName.Name);
        var san = Assert.IsType<X509SubjectAlternativeNameExtension>(csr.CertificateExtensions.Single(), exactMatch: false);
        Assert.Equal(["www.example.test", "*.example.test"], san.EnumerateDnsNames());
        Assert.NotEmpty(pkcs8);
        Assert.Equal(signatureOid, ReadSignatureOid(der));
    }

    [Fact]
    public void Create_Ed25519_UsageError()
    {
        var error = Assert.Throws<CertwrightException>(() => AcmeCsr.Create(["a.test"], KeyType.Ed25519));

        Assert.Equal("ACME certificates can use ec-p256, ec-p384 or rsa-2048/3072/4096 keys, not ed25519", error.Message);
    }

    private static string ReadSignatureOid(byte[] der)
    {
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        reader.ReadSequence();
        return reader.ReadSequence().ReadObjectIdentifier();
    }
}
