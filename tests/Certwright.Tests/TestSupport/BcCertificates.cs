using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.TestSupport;

/// <summary>
/// Self-signed certificates made with BouncyCastle, for what the platform cannot make: ML-DSA,
/// Ed25519 and Ed448 keys and signatures, and arbitrary extensions (SCT lists, odd name forms).
/// </summary>
public static class BcCertificates
{
    private static readonly SecureRandom SharedRandom = new();

    /// <summary>Key types: ML-DSA-44, ML-DSA-65, ML-DSA-87, Ed25519, Ed448, EC-P256.</summary>
    public static byte[] Create(
        string keyType,
        string subject = "CN=bc.example",
        Action<X509V3CertificateGenerator>? configure = null,
        BigInteger? serial = null)
    {
        var (keyPair, algorithm) = Generate(keyType);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial ?? BigInteger.ValueOf(0x1234));
        generator.SetIssuerDN(new X509Name(subject));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        generator.SetNotAfter(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        generator.SetPublicKey(keyPair.Public);
        configure?.Invoke(generator);
        return generator.Generate(new Asn1SignatureFactory(algorithm, keyPair.Private, SharedRandom)).GetEncoded();
    }

    /// <summary>An extension whose extnValue is an OCTET STRING around the given bytes (the SCT list form).</summary>
    public static void AddOctetStringExtension(X509V3CertificateGenerator generator, string oid, byte[] contents) =>
        generator.AddExtension(new DerObjectIdentifier(oid), false, new DerOctetString(contents));

    private static (AsymmetricCipherKeyPair KeyPair, string Algorithm) Generate(string keyType)
    {
        switch (keyType)
        {
            case "ML-DSA-44":
            case "ML-DSA-65":
            case "ML-DSA-87":
                var parameters = keyType switch
                {
                    "ML-DSA-44" => MLDsaParameters.ml_dsa_44,
                    "ML-DSA-65" => MLDsaParameters.ml_dsa_65,
                    _ => MLDsaParameters.ml_dsa_87,
                };
                var mlDsa = new MLDsaKeyPairGenerator();
                mlDsa.Init(new MLDsaKeyGenerationParameters(SharedRandom, parameters));
                return (mlDsa.GenerateKeyPair(), keyType);
            case "Ed25519":
                var ed25519 = new Ed25519KeyPairGenerator();
                ed25519.Init(new Ed25519KeyGenerationParameters(SharedRandom));
                return (ed25519.GenerateKeyPair(), "Ed25519");
            case "Ed448":
                var ed448 = new Ed448KeyPairGenerator();
                ed448.Init(new Ed448KeyGenerationParameters(SharedRandom));
                return (ed448.GenerateKeyPair(), "Ed448");
            case "EC-P256":
                var ec = new ECKeyPairGenerator();
                ec.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP256r1, SharedRandom));
                return (ec.GenerateKeyPair(), "SHA256WITHECDSA");
            default:
                throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "unknown key type");
        }
    }
}
