using System.Buffers;
using System.Collections.Concurrent;
using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>
/// Maps encoded OID contents to <see cref="OidInfo"/> without allocating: the parser meets the same few
/// dozen OIDs in every certificate, so names and dotted strings are made once per process.
/// </summary>
internal static class OidRegistry
{
    // Unknown OIDs are cached too (they repeat across an inventory) but the cache is bounded: a hostile
    // file full of random OIDs must not grow memory without limit.
    private const int MaxCachedEntries = 8192;
    private const int MaxCachedContentLength = 64;

    private static readonly ConcurrentDictionary<byte[], OidInfo> Entries = CreateTable();
    private static readonly ConcurrentDictionary<byte[], OidInfo>.AlternateLookup<ReadOnlySpan<byte>> SpanLookup =
        Entries.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The entry for an OID given its content octets (the bytes after tag and length).</summary>
    /// <exception cref="AsnContentException">The content is not a valid OID encoding.</exception>
    public static OidInfo Lookup(ReadOnlySpan<byte> content)
    {
        if (SpanLookup.TryGetValue(content, out var info))
        {
            return info;
        }

        info = new OidInfo(DecodeDotted(content), null, KnownOid.None);
        if (content.Length <= MaxCachedContentLength && Entries.Count < MaxCachedEntries)
        {
            SpanLookup.TryAdd(content, info);
        }

        return info;
    }

    /// <summary>The entry for a dotted OID (for tests and callers outside the hot path).</summary>
    public static OidInfo Lookup(string dotted)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(dotted);
        var encoded = writer.Encode();
        AsnDecoder.ReadEncodedValue(encoded, AsnEncodingRules.DER, out var offset, out var length, out _);
        return Lookup(encoded.AsSpan(offset, length));
    }

    private static string DecodeDotted(ReadOnlySpan<byte> content)
    {
        // AsnDecoder validates and decodes arcs of any size (UUID arcs exceed 64 bits); it wants the full TLV.
        var header = content.Length < 0x80 ? 2 : content.Length < 0x100 ? 3 : content.Length < 0x10000 ? 4 : 5;
        var rented = ArrayPool<byte>.Shared.Rent(header + content.Length);
        try
        {
            var tlv = rented.AsSpan(0, header + content.Length);
            tlv[0] = 0x06;
            switch (header)
            {
                case 2:
                    tlv[1] = (byte)content.Length;
                    break;
                case 3:
                    tlv[1] = 0x81;
                    tlv[2] = (byte)content.Length;
                    break;
                case 4:
                    tlv[1] = 0x82;
                    tlv[2] = (byte)(content.Length >> 8);
                    tlv[3] = (byte)content.Length;
                    break;
                default:
                    tlv[1] = 0x83;
                    tlv[2] = (byte)(content.Length >> 16);
                    tlv[3] = (byte)(content.Length >> 8);
                    tlv[4] = (byte)content.Length;
                    break;
            }

            content.CopyTo(tlv[header..]);
            return AsnDecoder.ReadObjectIdentifier(tlv, AsnEncodingRules.BER, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ConcurrentDictionary<byte[], OidInfo> CreateTable()
    {
        var table = new ConcurrentDictionary<byte[], OidInfo>(ByteSpanComparer.Instance);
        foreach (var info in OidTable.Entries)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            writer.WriteObjectIdentifier(info.Dotted);
            var encoded = writer.Encode();
            AsnDecoder.ReadEncodedValue(encoded, AsnEncodingRules.DER, out var offset, out var length, out _);
            table[encoded.AsSpan(offset, length).ToArray()] = info;
        }

        return table;
    }
}
