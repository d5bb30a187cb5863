using System.Net;

namespace Certwright.Authority;

/// <summary>Matches a SAN against a profile pattern: optional type prefix, then a case-insensitive glob or (for IPs) a CIDR.</summary>
internal static class SanPattern
{
    public static bool Matches(string pattern, SubjectAltName san)
    {
        var glob = pattern;
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && TryType(pattern[..colon], out var type))
        {
            if (type != san.Type)
            {
                return false;
            }

            glob = pattern[(colon + 1)..];
        }

        if (san.Type == SubjectAltNameType.Ip && glob.Contains('/', StringComparison.Ordinal)
            && IPNetwork.TryParse(glob, out var network) && IPAddress.TryParse(san.Value, out var address))
        {
            return network.Contains(address);
        }

        return Glob(glob, san.Value);
    }

    private static bool TryType(string prefix, out SubjectAltNameType type)
    {
        foreach (var candidate in Enum.GetValues<SubjectAltNameType>())
        {
            if (string.Equals(SubjectAltName.Prefix(candidate), prefix, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>'*' matches any run of characters (dots and slashes included); everything else literally, ignoring case.</summary>
    internal static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
