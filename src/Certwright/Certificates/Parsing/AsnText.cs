using System.Buffers;
using System.Formats.Asn1;
using System.Text;

namespace Certwright.Certificates;

/// <summary>
/// Decodes the ASN.1 character string types found in names. Decoding is lenient: PrintableString with
/// '@' or '*' and invalid UTF-8 occur in real certificates, and showing them beats rejecting them.
/// </summary>
internal static class AsnText
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);
    private static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: false);
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);
    private static readonly Encoding StrictBmp = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf32 = new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);

    /// <summary>Whether the tag is one of the string types a name or GeneralName value may use.</summary>
    public static bool IsStringType(Asn1Tag tag)
    {
        if (tag.TagClass != TagClass.Universal || tag.IsConstructed)
        {
            return false;
        }

        return (UniversalTagNumber)tag.TagValue is UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString
            or UniversalTagNumber.IA5String or UniversalTagNumber.TeletexString or UniversalTagNumber.BMPString
            or UniversalTagNumber.UniversalString or UniversalTagNumber.VisibleString or UniversalTagNumber.NumericString;
    }

    /// <summary>Decodes a string value of a type accepted by <see cref="IsStringType"/>.</summary>
    public static string Decode(Asn1Tag tag, ReadOnlySpan<byte> contents) => EncodingFor(tag).GetString(contents);

    /// <summary>
    /// Decodes a string value exactly, for comparing names (RFC 5280 7.1): null when the type is not a
    /// string type or the bytes are not valid for it (bad UTF-8, non-ASCII in an ASCII type), so that such
    /// values compare by their encoding instead of by a lossy decoding.
    /// </summary>
    public static string? DecodeExact(Asn1Tag tag, ReadOnlySpan<byte> contents)
    {
        if (tag.TagClass != TagClass.Universal || tag.IsConstructed)
        {
            return null;
        }

        try
        {
            return (UniversalTagNumber)tag.TagValue switch
            {
                UniversalTagNumber.UTF8String => StrictUtf8.GetString(contents),
                UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.VisibleString
                    or UniversalTagNumber.NumericString => AsciiOrNull(contents),
                UniversalTagNumber.TeletexString => Encoding.Latin1.GetString(contents),
                UniversalTagNumber.BMPString => StrictBmp.GetString(contents),
                UniversalTagNumber.UniversalString => StrictUtf32.GetString(contents),
                _ => null,
            };
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>ASCII text, or null when a byte is outside 0x00-0x7F.</summary>
    public static string? AsciiOrNull(ReadOnlySpan<byte> contents) =>
        System.Text.Ascii.IsValid(contents) ? Encoding.ASCII.GetString(contents) : null;

    /// <summary>Appends the value decoded, with RFC 4514 escaping.</summary>
    public static void AppendEscaped(StringBuilder builder, Asn1Tag tag, ReadOnlySpan<byte> contents)
    {
        var encoding = EncodingFor(tag);
        var count = encoding.GetCharCount(contents);
        char[]? rented = null;
        var buffer = count <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(count));
        try
        {
            var written = encoding.GetChars(contents, buffer);
            AppendEscaped(builder, buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // PrintableString, IA5String, VisibleString and NumericString are ASCII; TeletexString is read as
    // Latin-1, as openssl does.
    private static Encoding EncodingFor(Asn1Tag tag) => (UniversalTagNumber)tag.TagValue switch
    {
        UniversalTagNumber.UTF8String => Utf8,
        UniversalTagNumber.BMPString => Encoding.BigEndianUnicode,
        UniversalTagNumber.UniversalString => Utf32BigEndian,
        _ => Encoding.Latin1,
    };

    /// <summary>
    /// RFC 4514 section 2.4 escaping: the specials <c>"+,;&lt;&gt;\</c>, a leading '#' or space, a trailing
    /// space and NUL; ASCII control characters become \XX as openssl's ESC_CTRL does. Other characters,
    /// including non-ASCII, are kept as they are (RFC 4514 strings are UTF-8).
    /// </summary>
    public static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"' or '+' or ',' or ';' or '<' or '>' or '\\':
                    builder.Append('\\').Append(c);
                    break;
                case '#' when i == 0:
                    builder.Append("\\#");
                    break;
                case ' ' when i == 0 || i == value.Length - 1:
                    builder.Append("\\ ");
                    break;
                case < ' ' or '\x7f':
                    builder.Append('\\').Append(HexUpper[c >> 4]).Append(HexUpper[c & 0xF]);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    private const string HexUpper = "0123456789ABCDEF";
}
