using Certwright.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Keys;

/// <summary>Self-signed CA certificates and CRLs signed through an <see cref="ISigningKey"/>'s BouncyCastle adapter.</summary>
internal static class KeyCertificates
{
    public static X509Certificate SelfSigned(ISigningKey key, string subject = "CN=Certwright Keys Test CA")
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(0x5eed));
        generator.SetIssuerDN(new X509Name(subject));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        generator.SetNotAfter(new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        generator.SetPublicKey(PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo));
        generator.AddExtension(X509Extensions.BasicConstraints, critical: true, new BasicConstraints(cA: true));
        generator.AddExtension(X509Extensions.KeyUsage, critical: true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        return generator.Generate(key.ToSignatureFactory());
    }

    public static X509Crl Crl(ISigningKey key, X509Certificate issuer)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(issuer.SubjectDN);
        generator.SetThisUpdate(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        generator.SetNextUpdate(new DateTime(2036, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        generator.AddCrlEntry(BigInteger.ValueOf(42), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), CrlReason.KeyCompromise);
        generator.AddExtension(X509Extensions.CrlNumber, critical: false, new CrlNumber(BigInteger.One));
        return generator.Generate(key.ToSignatureFactory());
    }

    public static string Pem(string label, byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write(label, der)) + "\n";
}
