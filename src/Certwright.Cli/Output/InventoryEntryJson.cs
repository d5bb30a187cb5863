using System.Buffers;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Certwright.Inventory;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>
/// The JSON form of one inventory entry, from an <see cref="InventoryEntry"/> (<see cref="Write"/>) or, for
/// <c>list --json</c>, straight from the store's bytes (<see cref="WriteUtf8"/>): the same fields, values and
/// escaping either way.
/// </summary>
internal static class InventoryEntryJson
{
    private static ReadOnlySpan<byte> HexPairs =>
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"u8
        + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"u8
        + "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"u8
        + "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"u8;

    public static void Write(Utf8JsonWriter writer, InventoryEntry entry, DateTimeOffset now, TimeSpan expiringWithin)
    {
        writer.WriteString("sha256", entry.Sha256);
        writer.WriteString("sha1", entry.Sha1);
        writer.WriteString("serialNumber", entry.SerialNumber);
        writer.WriteString("subject", entry.Subject);
        if (entry.CommonName is null)
        {
            writer.WriteNull("commonName");
        }
        else
        {
            writer.WriteString("commonName", entry.CommonName);
        }

        writer.WriteString("issuer", entry.Issuer);
        JsonOutput.WriteTime(writer, "notBefore", entry.NotBefore);
        JsonOutput.WriteTime(writer, "notAfter", entry.NotAfter);
        writer.WriteNumber("daysLeft", ExpiryPolicy.DaysLeft(entry.NotAfter, now));
        writer.WriteString("status", CertificateStatus.Of(entry.NotBefore, entry.NotAfter, now, expiringWithin));
        writer.WriteString("key", entry.KeyDescription);
        writer.WriteNumber("keyBits", entry.KeyBits);
        writer.WriteString("signatureAlgorithm", entry.SignatureAlgorithm);
        writer.WriteString("sanSummary", entry.SubjectAlternativeNames);
        writer.WriteBoolean("isCa", entry.IsCertificateAuthority);
        writer.WriteBoolean("selfSigned", entry.IsSelfSigned);
        writer.WriteNumber("sightings", entry.SightingCount);
        writer.WriteString("firstLocation", entry.FirstLocation);
        JsonOutput.WriteTime(writer, "firstSeen", entry.FirstSeen);
    }

    /// <summary>
    /// Writes the current row of <paramref name="row"/> as one compact JSON object (braces included) to
    /// <paramref name="output"/>. A list of tens of thousands of rows spends most of its time here: no strings,
    /// literal property names, and text values copied unless they hold something to escape.
    /// </summary>
    public static void WriteUtf8(IBufferWriter<byte> output, IInventoryEntryReader row, DateTimeOffset now, TimeSpan expiringWithin)
    {
        var notBefore = row.NotBefore;
        var notAfter = row.NotAfter;
        var serial = row.SerialNumberUtf8;
        var subject = row.SubjectUtf8;
        var commonName = row.CommonNameUtf8;
        var issuer = row.IssuerUtf8;
        var key = row.KeyDescriptionUtf8;
        var algorithm = row.SignatureAlgorithmUtf8;
        var names = row.SubjectAlternativeNamesUtf8;
        var location = row.FirstLocationUtf8;
        // Fixed parts (~400 bytes) plus the worst case of escaping every text byte as \uXXXX.
        var text = serial.Length + subject.Length + commonName.Length + issuer.Length + key.Length + algorithm.Length + names.Length + location.Length;
        var span = output.GetSpan(512 + (6 * text));
        var at = 0;
        at += Literal(span[at..], "{\"sha256\":\""u8);
        at += Hex(span[at..], row.Sha256);
        at += Literal(span[at..], "\",\"sha1\":\""u8);
        at += Hex(span[at..], row.Sha1);
        at += Literal(span[at..], "\",\"serialNumber\":"u8);
        at += Text(span[at..], serial);
        at += Literal(span[at..], ",\"subject\":"u8);
        at += Text(span[at..], subject);
        at += Literal(span[at..], ",\"commonName\":"u8);
        at += row.HasCommonName ? Text(span[at..], commonName) : Literal(span[at..], "null"u8);
        at += Literal(span[at..], ",\"issuer\":"u8);
        at += Text(span[at..], issuer);
        at += Literal(span[at..], ",\"notBefore\":"u8);
        at += Time(span[at..], notBefore);
        at += Literal(span[at..], ",\"notAfter\":"u8);
        at += Time(span[at..], notAfter);
        at += Literal(span[at..], ",\"daysLeft\":"u8);
        at += Number(span[at..], ExpiryPolicy.DaysLeft(notAfter, now));
        at += Literal(span[at..], ",\"status\":\""u8);
        at += Status(span[at..], CertificateStatus.Of(notBefore, notAfter, now, expiringWithin));
        at += Literal(span[at..], "\",\"key\":"u8);
        at += Text(span[at..], key);
        at += Literal(span[at..], ",\"keyBits\":"u8);
        at += Number(span[at..], row.KeyBits);
        at += Literal(span[at..], ",\"signatureAlgorithm\":"u8);
        at += Text(span[at..], algorithm);
        at += Literal(span[at..], ",\"sanSummary\":"u8);
        at += Text(span[at..], names);
        at += Literal(span[at..], row.IsCertificateAuthority ? ",\"isCa\":true"u8 : ",\"isCa\":false"u8);
        at += Literal(span[at..], row.IsSelfSigned ? ",\"selfSigned\":true"u8 : ",\"selfSigned\":false"u8);
        at += Literal(span[at..], ",\"sightings\":"u8);
        at += Number(span[at..], row.SightingCount);
        at += Literal(span[at..], ",\"firstLocation\":"u8);
        at += Text(span[at..], location);
        at += Literal(span[at..], ",\"firstSeen\":"u8);
        at += Time(span[at..], row.FirstSeen);
        at += Literal(span[at..], "}"u8);
        output.Advance(at);
    }

    private static int Literal(Span<byte> destination, ReadOnlySpan<byte> literal)
    {
        literal.CopyTo(destination);
        return literal.Length;
    }

    // Convert's hex encoder shuffles bytes, which the Native AOT baseline (SSE2) emulates lane by lane: a table
    // of the 256 digit pairs is ten times faster there.
    private static int Hex(Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        var pairs = HexPairs;
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = pairs[2 * bytes[i]];
            destination[(2 * i) + 1] = pairs[(2 * bytes[i]) + 1];
        }

        return 2 * bytes.Length;
    }

    private static int Number(Span<byte> destination, int value)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>A quoted JSON string, escaped as JsonOutput's encoder (relaxed) escapes it.</summary>
    private static int Text(Span<byte> destination, ReadOnlySpan<byte> utf8)
    {
        destination[0] = (byte)'"';
        int written;
        if (!MayNeedEscaping(utf8))
        {
            utf8.CopyTo(destination[1..]);
            written = utf8.Length;
        }
        else
        {
            JavaScriptEncoder.UnsafeRelaxedJsonEscaping.EncodeUtf8(utf8, destination[1..], out _, out written);
        }

        destination[1 + written] = (byte)'"';
        return written + 2;
    }

    /// <summary>
    /// Whether the text holds a byte JsonOutput's relaxed encoder might escape: controls, '"', '\', DEL or
    /// anything non-ASCII (printable ASCII otherwise is never escaped, so such text is copied as it is).
    /// </summary>
    /// <remarks>
    /// Plain SSE2 compares: SearchValues' searcher shuffles bytes, which the Native AOT baseline (SSE2) emulates
    /// lane by lane; that alone was 40% of the list.
    /// </remarks>
    internal static bool MayNeedEscaping(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var space = Vector128.Create((byte)0x20);
            var tilde = Vector128.Create((byte)0x7E);
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            for (; i + Vector128<byte>.Count <= utf8.Length; i += Vector128<byte>.Count)
            {
                var chunk = Vector128.Create(utf8.Slice(i, Vector128<byte>.Count));
                var escapable = Vector128.LessThan(chunk, space) | Vector128.GreaterThan(chunk, tilde)
                    | Vector128.Equals(chunk, quote) | Vector128.Equals(chunk, backslash);
                if (escapable != Vector128<byte>.Zero)
                {
                    return true;
                }
            }
        }

        for (; i < utf8.Length; i++)
        {
            if (utf8[i] is < 0x20 or > 0x7E or (byte)'"' or (byte)'\\')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A quoted time in the contract's form, <c>yyyy-MM-ddTHH:mm:ssZ</c> (see <see cref="JsonOutput.FormatTime"/>).</summary>
    private static int Time(Span<byte> destination, DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var (year, month, day) = utc;
        destination[0] = (byte)'"';
        Digits(destination.Slice(1, 4), year);
        destination[5] = (byte)'-';
        Digits(destination.Slice(6, 2), month);
        destination[8] = (byte)'-';
        Digits(destination.Slice(9, 2), day);
        destination[11] = (byte)'T';
        Digits(destination.Slice(12, 2), utc.Hour);
        destination[14] = (byte)':';
        Digits(destination.Slice(15, 2), utc.Minute);
        destination[17] = (byte)':';
        Digits(destination.Slice(18, 2), utc.Second);
        destination[20] = (byte)'Z';
        destination[21] = (byte)'"';
        return 22;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        if (destination.Length == 2)
        {
            destination[0] = (byte)('0' + (value / 10));
            destination[1] = (byte)('0' + (value % 10));
            return;
        }

        for (var i = destination.Length - 1; i >= 0; i--, value /= 10)
        {
            destination[i] = (byte)('0' + (value % 10));
        }
    }

    private static int Status(Span<byte> destination, string status) => Literal(destination, status switch
    {
        "valid" => "valid"u8,
        "expiring" => "expiring"u8,
        "expired" => "expired"u8,
        "not-yet-valid" => "not-yet-valid"u8,
        _ => throw new InvalidOperationException($"unknown certificate status '{status}'"),
    });
}
