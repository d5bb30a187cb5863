using System.Net;

namespace Certwright.Scanning;

/// <summary>Syntax checks for host names and IP literals in scan targets.</summary>
internal static class HostNames
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    public static bool TryParseAddress(string text, out IPAddress address)
    {
        // IPAddress.TryParse also accepts forms like "1" or "1.2.3"; only dotted quads and IPv6 count as literals.
        if (IPAddress.TryParse(text, out var parsed)
            && (text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    /// <summary>Lower-cases a DNS name and drops a trailing dot.</summary>
    /// <exception cref="CertwrightException">Usage, saying what is wrong with the name.</exception>
    public static string NormalizeDnsName(string text, string what)
    {
        var name = text.EndsWith('.') ? text[..^1] : text;
        if (name.Length == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"The {what} is empty.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new CertwrightException(ErrorKind.Usage, $"The {what} is {name.Length} characters long; a DNS name has at most {MaxNameLength}.");
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                throw new CertwrightException(
                    ErrorKind.Usage,
                    $"The {what} '{Shorten(name)}' has an empty or over-long label; each dot-separated part must have 1 to {MaxLabelLength} characters.");
            }

            foreach (var c in label)
            {
                // Underscores are not valid host names but appear in real internal names; let DNS decide.
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    throw new CertwrightException(
                        ErrorKind.Usage,
                        $"The {what} '{Shorten(name)}' contains '{Printable(c.ToString())}'; use letters, digits, '-' and '.' (an internationalised name in its xn-- form).");
                }
            }
        }

        return name.ToLowerInvariant();
    }

    /// <summary>Bounded and free of control characters, so user input can be echoed in a one-line message.</summary>
    public static string Printable(string text, int max = 100)
    {
        var cut = text.Length > max ? text[..max] + "..." : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
    }

    private static string Shorten(string name) => Printable(name, 80);
}
