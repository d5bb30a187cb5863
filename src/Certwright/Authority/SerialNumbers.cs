using System.Globalization;

namespace Certwright.Authority;

/// <summary>
/// Serial numbers as the CA ledger keys them: the positive integer's big-endian magnitude without leading zero
/// bytes, so a DER INTEGER's content (which keeps a 0x00 before a high bit), an OCSP CertID's serial and the hex
/// <c>openssl x509 -serial</c> prints all find the same row.
/// </summary>
public static class SerialNumbers
{
    /// <summary>The magnitude of <paramref name="serial"/> (big-endian): leading zero bytes dropped; zero is one 0x00 byte.</summary>
    public static byte[] Normalize(ReadOnlySpan<byte> serial)
    {
        var start = 0;
        while (start < serial.Length - 1 && serial[start] == 0)
        {
            start++;
        }

        return serial[start..].ToArray();
    }

    /// <summary>Uppercase hex of the normalised serial, as <c>openssl x509 -serial</c> prints it.</summary>
    public static string ToHex(ReadOnlySpan<byte> serial) => Convert.ToHexString(Normalize(serial));

    /// <summary>Parses hex with optional colons or spaces (<c>0A:1B</c>, <c>0a1b</c>); null when it is not hex.</summary>
    public static byte[]? TryParseHex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = string.Concat(text.Where(c => c is not (':' or ' '))).Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length == 0 || digits.Length > 128 || !digits.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        if (digits.Length % 2 == 1)
        {
            digits = "0" + digits;
        }

        var bytes = new byte[digits.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(digits.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return Normalize(bytes);
    }
}
