using System.Text;

namespace Certwright.Scanning.Internal;

/// <summary>Makes bytes a server sent safe to put in a one-line message: printable ASCII only, bounded length.</summary>
internal static class ReplyText
{
    public const int MaxLength = 120;

    public static string Summarize(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(Math.Min(bytes.Length, MaxLength) + 3);
        foreach (var b in bytes)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append("...");
                break;
            }

            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : b is (byte)'\r' or (byte)'\n' ? ' ' : '?');
        }

        return builder.ToString().Trim();
    }

    public static string Summarize(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 3);
        foreach (var c in text)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append("...");
                break;
            }

            builder.Append(c is >= ' ' and < '\x7f' ? c : c is '\r' or '\n' ? ' ' : '?');
        }

        return builder.ToString().Trim();
    }

    /// <summary>True when the bytes look like a line of text rather than TLS records (a plain-text server on the port).</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            return false;
        }

        var sample = bytes[..Math.Min(bytes.Length, 32)];
        foreach (var b in sample)
        {
            if (b is not ((>= 0x20 and < 0x7F) or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
