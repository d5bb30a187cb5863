using System.Formats.Asn1;
using System.Numerics;

namespace Certwright.Certificates;

/// <summary>
/// Reads a SubjectPublicKeyInfo: its description (algorithm family, size and curve or parameter set)
/// for the inventory and the validator's key rules, and its parts for signature verification.
/// </summary>
internal static class PublicKeyReader
{
    /// <summary>Describes the key; <paramref name="spki"/> is a reader over the SubjectPublicKeyInfo SEQUENCE contents.</summary>
    public static PublicKeyDescription Read(ref DerReader spki) => Read(ref spki, out _);

    /// <summary>Describes the key and says how many unused bits its BIT STRING declared (RFC 5280 keys have none).</summary>
    public static PublicKeyDescription Read(ref DerReader spki, out int unusedBits)
    {
        var algorithm = spki.ReadSequence();
        var oid = algorithm.ReadOid();
        var parameters = algorithm;
        var key = spki.ReadBitString(out unusedBits);
        spki.EnsureEnd();

        switch (oid.Id)
        {
            case KnownOid.RsaEncryption:
            case KnownOid.RsaPss:
                return new(KeyAlgorithm.Rsa, RsaModulusBits(key), null, oid.Dotted);
            case KnownOid.EcPublicKey:
                return DescribeEc(ref parameters, key, oid);
            case KnownOid.Ed25519:
                return new(KeyAlgorithm.Ed25519, oid.Bits, null, oid.Dotted);
            case KnownOid.Ed448:
                return new(KeyAlgorithm.Ed448, oid.Bits, null, oid.Dotted);
            case KnownOid.MlDsa:
                return new(KeyAlgorithm.MlDsa, oid.Bits, oid.Name, oid.Dotted);
            case KnownOid.Dsa:
                return new(KeyAlgorithm.Dsa, DsaPrimeBits(ref parameters), null, oid.Dotted);
            default:
                return new(KeyAlgorithm.Unknown, 0, oid.Name, oid.Dotted);
        }
    }

    /// <summary>The algorithm (OID and parameters) and the subjectPublicKey bits of an encoded SubjectPublicKeyInfo.</summary>
    public static (AlgorithmIdentifier Algorithm, ReadOnlyMemory<byte> Key) Split(ReadOnlyMemory<byte> spki, AsnEncodingRules rules = AsnEncodingRules.BER)
    {
        var outer = new DerReader(spki.Span, rules);
        var sequence = outer.ReadSequence();
        outer.EnsureEnd();
        var algorithm = AlgorithmIdentifier.Read(ref sequence);
        var key = sequence.ReadBitString(out _);
        sequence.EnsureEnd();
        return (algorithm, spki.Span.Overlaps(key, out var offset) ? spki.Slice(offset, key.Length) : key.ToArray());
    }

    /// <summary>The modulus and exponent of an RSAPublicKey, as INTEGER contents (sign byte included).</summary>
    public static (ReadOnlyMemory<byte> Modulus, ReadOnlyMemory<byte> Exponent) ReadRsa(ReadOnlyMemory<byte> key)
    {
        var outer = new DerReader(key.Span);
        var rsa = outer.ReadSequence();
        var modulus = rsa.ReadIntegerBytes();
        var exponent = rsa.ReadIntegerBytes();
        rsa.EnsureEnd();
        outer.EnsureEnd();
        key.Span.Overlaps(modulus, out var modulusOffset);
        key.Span.Overlaps(exponent, out var exponentOffset);
        return (key.Slice(modulusOffset, modulus.Length), key.Slice(exponentOffset, exponent.Length));
    }

    private static int RsaModulusBits(ReadOnlySpan<byte> key)
    {
        var outer = new DerReader(key);
        var rsa = outer.ReadSequence();
        var modulus = rsa.ReadIntegerBytes();
        rsa.ReadIntegerBytes();
        rsa.EnsureEnd();
        outer.EnsureEnd();
        return BitLength(modulus);
    }

    private static PublicKeyDescription DescribeEc(ref DerReader parameters, ReadOnlySpan<byte> point, OidInfo oid)
    {
        if (parameters.NextIs(Asn1Tag.ObjectIdentifier))
        {
            var curve = parameters.ReadOid();
            if (curve.Id == KnownOid.NamedCurve)
            {
                return new(KeyAlgorithm.Ec, curve.Bits, curve.Name, oid.Dotted);
            }

            return new(KeyAlgorithm.Ec, PointFieldBits(point), curve.Dotted, oid.Dotted);
        }

        // Explicit curve parameters (RFC 5480 forbids them for PKIX, but old certificates have them).
        return new(KeyAlgorithm.Ec, PointFieldBits(point), "explicit", oid.Dotted);
    }

    private static int PointFieldBits(ReadOnlySpan<byte> point)
    {
        if (point.IsEmpty)
        {
            return 0;
        }

        // 04 || X || Y uncompressed, 02/03 || X compressed.
        return point[0] == 0x04 ? (point.Length - 1) / 2 * 8 : (point.Length - 1) * 8;
    }

    private static int DsaPrimeBits(ref DerReader parameters)
    {
        // Dss-Parms may be absent (inherited from the issuer): the size is then unknown.
        if (!parameters.NextIs(Asn1Tag.Sequence))
        {
            return 0;
        }

        var dss = parameters.ReadSequence();
        return BitLength(dss.ReadIntegerBytes());
    }

    /// <summary>Bit length of a non-negative big-endian INTEGER's contents.</summary>
    internal static int BitLength(ReadOnlySpan<byte> integer)
    {
        var start = 0;
        while (start < integer.Length && integer[start] == 0)
        {
            start++;
        }

        if (start == integer.Length)
        {
            return 0;
        }

        return (integer.Length - start - 1) * 8 + (32 - BitOperations.LeadingZeroCount((uint)integer[start]));
    }
}
