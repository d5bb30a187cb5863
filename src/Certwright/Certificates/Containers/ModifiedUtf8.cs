using System.Text;

namespace Certwright.Certificates;

/// <summary>
/// Java's modified UTF-8 (DataInput.readUTF): like UTF-8 but NUL is two bytes (C0 80) and characters
/// outside the BMP are two 3-byte surrogates. Malformed sequences become U+FFFD.
/// </summary>
internal static class ModifiedUtf8
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0)
        {
            return Encoding.ASCII.GetString(bytes);
        }

        var builder = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                builder.Append((char)b);
                i++;
            }
            else if ((b & 0xE0) == 0xC0 && i + 1 < bytes.Length && (bytes[i + 1] & 0xC0) == 0x80)
            {
                builder.Append((char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)));
                i += 2;
            }
            else if ((b & 0xF0) == 0xE0 && i + 2 < bytes.Length && (bytes[i + 1] & 0xC0) == 0x80 && (bytes[i + 2] & 0xC0) == 0x80)
            {
                builder.Append((char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
                i += 3;
            }
            else
            {
                builder.Append('\uFFFD');
                i++;
            }
        }

        return builder.ToString();
    }
}
