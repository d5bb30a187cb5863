using System.Buffers;
using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Text;

namespace Certwright.Certificates;

/// <summary>
/// Formats an X.501 Name as an RFC 4514 string: RDNs most specific first, separated by ',', the
/// attributes of a multi-valued RDN joined by '+', attribute types by openssl's short names, unknown
/// types as dotted OIDs, and values that are not strings (or of unknown types) as <c>#</c> and the hex
/// of their BER encoding. The output matches <c>openssl x509 -nameopt RFC2253,-esc_msb</c>.
/// </summary>
internal static class DistinguishedNameFormatter
{
    [ThreadStatic]
    private static StringBuilder? _builder;

    /// <summary>Formats a Name given its whole encoding (the SEQUENCE).</summary>
    /// <param name="name">The encoded Name.</param>
    /// <param name="commonName">The last CN in encoding order (the most specific one), or null.</param>
    [SkipLocalsInit]
    public static string Format(ReadOnlySpan<byte> name, out string? commonName)
    {
        var outer = new DerReader(name);
        var rdns = outer.ReadSequence();
        outer.EnsureEnd();
        commonName = null;
        if (!rdns.HasData)
        {
            return string.Empty;
        }

        // RFC 4514 lists RDNs in reverse encoding order: remember where each one starts.
        var contents = rdns.Remaining;
        int[]? rented = null;
        // Each RDN takes at least two bytes, which bounds how many there can be.
        var offsets = contents.Length <= 1024 ? stackalloc int[513] : (rented = ArrayPool<int>.Shared.Rent(contents.Length / 2 + 1));
        try
        {
            var count = 0;
            while (rdns.HasData)
            {
                offsets[count++] = contents.Length - rdns.Remaining.Length;
                rdns.Skip();
            }

            var builder = _builder ??= new StringBuilder(256);
            builder.Clear();
            for (var i = count - 1; i >= 0; i--)
            {
                if (i != count - 1)
                {
                    builder.Append(',');
                }

                var rdn = new DerReader(contents[offsets[i]..]).ReadSetOf();
                AppendRdn(builder, ref rdn, ref commonName, updateCommonName: commonName is null);
            }

            var result = builder.ToString();
            if (builder.Capacity > 4096)
            {
                _builder = null;
            }

            return result;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    private static void AppendRdn(StringBuilder builder, ref DerReader rdn, ref string? commonName, bool updateCommonName)
    {
        if (!rdn.HasData)
        {
            throw new AsnContentException("a relative distinguished name is empty");
        }

        // Attributes of a multi-valued RDN are listed last-encoded first, as openssl's RFC2253 mode
        // does (RFC 4514 allows any order), so the two can be compared.
        var contents = rdn.Remaining;
        Span<int> inline = stackalloc int[8];
        List<int>? more = null;
        var count = 0;
        while (rdn.HasData)
        {
            var offset = contents.Length - rdn.Remaining.Length;
            if (count < inline.Length)
            {
                inline[count] = offset;
            }
            else
            {
                (more ??= []).Add(offset);
            }

            count++;
            rdn.Skip();
        }

        for (var i = count - 1; i >= 0; i--)
        {
            if (i != count - 1)
            {
                builder.Append('+');
            }

            var start = i < inline.Length ? inline[i] : more![i - inline.Length];
            var attributeReader = new DerReader(contents[start..]);
            var attribute = attributeReader.ReadSequence();
            var type = attribute.ReadOid();
            var value = attribute.ReadEncoded(out var tag, out var valueContents);
            attribute.EnsureEnd();

            if (type.Name is not null && AsnText.IsStringType(tag))
            {
                builder.Append(type.Name).Append('=');
                AsnText.AppendEscaped(builder, tag, valueContents);
                if (updateCommonName && type.Id == KnownOid.CommonName)
                {
                    // Going most specific first, the first CN met is the last one encoded.
                    commonName = AsnText.Decode(tag, valueContents);
                    updateCommonName = false;
                }
            }
            else
            {
                builder.Append(type.Display).Append("=#");
                AppendHexUpper(builder, value);
            }
        }
    }

    private static void AppendHexUpper(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            builder.Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
        }
    }

    private const string Hex = "0123456789ABCDEF";
}
