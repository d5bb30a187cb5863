using System.Formats.Asn1;
using System.Text;

namespace Certwright.Validation.Internal;

/// <summary>Decodes X.500 Names and the strings in them, leniently where real certificates are sloppy.</summary>
internal static class NameParser
{
    public static DistinguishedName Read(AsnReader reader)
    {
        var encoded = reader.ReadEncodedValue().ToArray();
        return Parse(encoded);
    }

    public static DistinguishedName Parse(byte[] encoded)
    {
        var sequence = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
        var rdns = new List<IReadOnlyList<NameAttribute>>();
        while (sequence.HasData)
        {
            var set = sequence.ReadSetOf(skipSortOrderValidation: true);
            var attributes = new List<NameAttribute>();
            while (set.HasData)
            {
                var atv = set.ReadSequence();
                var oid = atv.ReadObjectIdentifier();
                var tag = atv.PeekTag();
                var valueBytes = atv.ReadEncodedValue();
                atv.ThrowIfNotEmpty();
                attributes.Add(Attribute(oid, tag, valueBytes.Span));
            }

            if (attributes.Count == 0)
            {
                throw new CertificateFormatException("a relative distinguished name is an empty SET");
            }

            rdns.Add(attributes);
        }

        return new DistinguishedName(rdns, encoded);
    }

    private static NameAttribute Attribute(string oid, Asn1Tag tag, ReadOnlySpan<byte> encodedValue)
    {
        var text = tag.TagClass == TagClass.Universal && !tag.IsConstructed ? Decode((UniversalTagNumber)tag.TagValue, Content(encodedValue)) : null;
        var comparable = text is not null ? DistinguishedName.Fold(text) : "#" + Convert.ToHexStringLower(encodedValue);
        return new NameAttribute(oid, tag.TagValue, text, comparable);
    }

    private static ReadOnlySpan<byte> Content(ReadOnlySpan<byte> encoded)
    {
        AsnDecoder.ReadEncodedValue(encoded, AsnEncodingRules.DER, out var offset, out var length, out _);
        return encoded.Slice(offset, length);
    }

    /// <summary>Decodes the string types a Name uses; null for other types or undecodable bytes.</summary>
    public static string? Decode(UniversalTagNumber type, ReadOnlySpan<byte> content)
    {
        try
        {
            return type switch
            {
                UniversalTagNumber.UTF8String => new UTF8Encoding(false, true).GetString(content),
                UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.VisibleString
                    or UniversalTagNumber.NumericString => Ascii(content),
                // T.61 in practice carries Latin-1.
                UniversalTagNumber.TeletexString => Encoding.Latin1.GetString(content),
                UniversalTagNumber.BMPString => new UnicodeEncoding(true, false, true).GetString(content),
                UniversalTagNumber.UniversalString => new UTF32Encoding(true, false, true).GetString(content),
                _ => null,
            };
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>ASCII text, or null when a byte is outside 0x00-0x7F.</summary>
    public static string? Ascii(ReadOnlySpan<byte> content)
    {
        foreach (var b in content)
        {
            if (b > 0x7F)
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(content);
    }
}
