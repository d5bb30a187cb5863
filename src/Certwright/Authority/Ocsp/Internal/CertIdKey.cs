using System.Formats.Asn1;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>
/// The cache key of a CertID: its DER encoding after the AlgorithmIdentifier (issuerNameHash, issuerKeyHash, serialNumber).
/// The hash length (20 for SHA-1, 32 for SHA-256) makes the two algorithms' keys distinct. The comparer looks keys up by
/// span, so a request's bytes find their answer without copying.
/// </summary>
internal sealed class CertIdKey : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static CertIdKey Comparer { get; } = new();

    public static byte[] Create(ReadOnlySpan<byte> issuerNameHash, ReadOnlySpan<byte> issuerKeyHash, ReadOnlySpan<byte> serial)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(issuerNameHash);
        writer.WriteOctetString(issuerKeyHash);
        writer.WriteIntegerUnsigned(TrimLeadingZeros(serial));
        return writer.Encode();
    }

    /// <summary>The big-endian magnitude without redundant leading zero bytes (at least one byte).</summary>
    public static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> serial)
    {
        var start = 0;
        while (start < serial.Length - 1 && serial[start] == 0)
        {
            start++;
        }

        return serial[start..];
    }

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = default(HashCode);
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
