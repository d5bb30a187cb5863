using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace Certwright.Keys.Internal;

/// <summary>The signature AlgorithmIdentifier each key type signs with (RFC 4055, RFC 5758, RFC 8410, RFC 9881).</summary>
internal static class SignatureAlgorithms
{
    public static AlgorithmIdentifier For(KeyType type) => type switch
    {
        // RFC 4055: sha256WithRSAEncryption carries an explicit NULL parameter.
        KeyType.Rsa2048 or KeyType.Rsa3072 or KeyType.Rsa4096 => new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
        // RFC 5758 and RFC 8410 and RFC 9881: parameters absent.
        KeyType.EcP256 => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256),
        KeyType.EcP384 => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha384),
        KeyType.Ed25519 => new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
        KeyType.MlDsa44 => new AlgorithmIdentifier(NistObjectIdentifiers.id_ml_dsa_44),
        KeyType.MlDsa65 => new AlgorithmIdentifier(NistObjectIdentifiers.id_ml_dsa_65),
        KeyType.MlDsa87 => new AlgorithmIdentifier(NistObjectIdentifiers.id_ml_dsa_87),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a known key type"),
    };

    public static byte[] DerFor(KeyType type) => For(type).GetEncoded(Asn1Encodable.Der);
}
