using System.Formats.Asn1;
using System.Numerics;

namespace Certwright.Validation.Internal;

/// <summary>Reads the algorithm and size of a SubjectPublicKeyInfo, and its raw key parts for verification.</summary>
internal static class PublicKeyParser
{
    public static PublicKeyInfo Describe(byte[] spki)
    {
        var (algorithm, keyBits) = Split(spki);
        switch (algorithm.Oid)
        {
            case Oids.RsaEncryption:
            case Oids.RsaPss:
                var (modulus, _) = ReadRsa(keyBits);
                var bits = (int)new BigInteger(modulus, isUnsigned: true, isBigEndian: true).GetBitLength();
                return new PublicKeyInfo(algorithm.Oid, null, bits, algorithm.Oid == Oids.RsaPss ? $"RSA-PSS {bits}" : $"RSA {bits}");
            case Oids.EcPublicKey:
                var curve = algorithm.Parameters is { } p && p.Length > 0 && p[0] == 0x06
                    ? new AsnReader(p, AsnEncodingRules.DER).ReadObjectIdentifier()
                    : null;
                var (name, size) = curve switch
                {
                    Oids.P192 => ("P-192", 192),
                    Oids.P256 => ("P-256", 256),
                    Oids.P384 => ("P-384", 384),
                    Oids.P521 => ("P-521", 521),
                    null => ("explicit curve", 0),
                    _ => (curve, 0),
                };
                return new PublicKeyInfo(algorithm.Oid, curve, size, $"EC {name}");
            case Oids.Dsa:
                var dsaBits = 0;
                if (algorithm.Parameters is { } dsaParameters)
                {
                    var sequence = new AsnReader(dsaParameters, AsnEncodingRules.DER).ReadSequence();
                    dsaBits = (int)sequence.ReadInteger().GetBitLength();
                }

                return new PublicKeyInfo(algorithm.Oid, null, dsaBits, $"DSA {dsaBits}");
            case Oids.Ed25519:
                return new PublicKeyInfo(algorithm.Oid, null, 256, "Ed25519");
            case Oids.Ed448:
                return new PublicKeyInfo(algorithm.Oid, null, 456, "Ed448");
            case Oids.MlDsa44:
                return new PublicKeyInfo(algorithm.Oid, null, 0, "ML-DSA-44");
            case Oids.MlDsa65:
                return new PublicKeyInfo(algorithm.Oid, null, 0, "ML-DSA-65");
            case Oids.MlDsa87:
                return new PublicKeyInfo(algorithm.Oid, null, 0, "ML-DSA-87");
            default:
                return new PublicKeyInfo(algorithm.Oid, null, 0, algorithm.Oid);
        }
    }

    public static (AlgorithmIdentifier Algorithm, byte[] KeyBits) Split(byte[] spki)
    {
        var sequence = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        var algorithm = CertificateParser.ReadAlgorithm(sequence);
        var key = sequence.ReadBitString(out var unused);
        sequence.ThrowIfNotEmpty();
        if (unused != 0)
        {
            throw new CertificateFormatException("the public key BIT STRING has unused bits");
        }

        return (algorithm, key);
    }

    /// <summary>The modulus and exponent of an RSAPublicKey, unsigned big-endian.</summary>
    public static (byte[] Modulus, byte[] Exponent) ReadRsa(byte[] keyBits)
    {
        var sequence = new AsnReader(keyBits, AsnEncodingRules.DER).ReadSequence();
        var modulus = sequence.ReadIntegerBytes().Span;
        var exponent = sequence.ReadIntegerBytes().Span;
        sequence.ThrowIfNotEmpty();
        if (modulus[0] >= 0x80 || exponent[0] >= 0x80)
        {
            throw new CertificateFormatException("the RSA modulus or exponent is negative");
        }

        return (TrimZero(modulus), TrimZero(exponent));
    }

    private static byte[] TrimZero(ReadOnlySpan<byte> value) =>
        (value.Length > 1 && value[0] == 0 ? value[1..] : value).ToArray();
}
