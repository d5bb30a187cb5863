namespace Certwright.Discovery;

/// <summary>
/// A path glob, matched against paths relative to the directory being searched, with '/' separators.
/// <c>*</c> matches within one path segment, <c>?</c> one character, <c>[abc]</c>/<c>[a-z]</c>/<c>[!x]</c>
/// a character class, and a <c>**</c> segment any number of segments. As in .gitignore, a pattern
/// without a '/' matches the name at any depth (<c>*.pem</c> is <c>**/*.pem</c>); a leading '/' only
/// anchors it. Matching is case-sensitive (Linux paths are).
/// </summary>
internal sealed class GlobPattern
{
    private readonly string[] _segments;

    public GlobPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        var normalized = pattern.Trim().Replace('\\', '/');
        if (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        var anchored = normalized.Contains('/', StringComparison.Ordinal);
        normalized = normalized.Trim('/');
        _segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!anchored)
        {
            _segments = ["**", .. _segments];
        }
    }

    public string Pattern { get; }

    /// <summary>Whether the pattern matches this relative path.</summary>
    public bool IsMatch(string relativePath) => Match(_segments, 0, Split(relativePath), 0);

    /// <summary>
    /// Whether everything under this directory is matched: the pattern matches the directory itself
    /// (<c>node_modules</c>, <c>**/.git</c>) or ends in <c>/**</c> after a part that matches it (<c>**/.git/**</c>).
    /// </summary>
    public bool MatchesWholeDirectory(string relativeDirectory)
    {
        var path = Split(relativeDirectory);
        if (Match(_segments, 0, path, 0))
        {
            return true;
        }

        return _segments.Length > 1 && _segments[^1] == "**" && Match(_segments[..^1], 0, path, 0);
    }

    public override string ToString() => Pattern;

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool Match(string[] pattern, int p, string[] path, int s)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == "**")
            {
                // Collapse repeated ** and try every split point.
                while (p < pattern.Length && pattern[p] == "**")
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (var i = s; i < path.Length; i++)
                {
                    if (Match(pattern, p, path, i))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (s >= path.Length || !MatchSegment(pattern[p], path[s]))
            {
                return false;
            }

            p++;
            s++;
        }

        return s == path.Length;
    }

    /// <summary>Wildcard match of one segment; iterative with single backtrack point for '*'.</summary>
    internal static bool MatchSegment(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, ref p, text[t]))
            {
                t++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Matches one character at pattern[p] ('?', a class or a literal); advances p on success.</summary>
    private static bool MatchOne(ReadOnlySpan<char> pattern, ref int p, char c)
    {
        switch (pattern[p])
        {
            case '?':
                p++;
                return true;
            case '[':
                var close = pattern[(p + 1)..].IndexOf(']');
                if (close > 0)
                {
                    var set = pattern.Slice(p + 1, close);
                    var negate = set[0] is '!' or '^';
                    if (negate)
                    {
                        set = set[1..];
                    }

                    var found = false;
                    for (var i = 0; i < set.Length; i++)
                    {
                        if (i + 2 < set.Length && set[i + 1] == '-')
                        {
                            found |= c >= set[i] && c <= set[i + 2];
                            i += 2;
                        }
                        else
                        {
                            found |= c == set[i];
                        }
                    }

                    if (found == negate)
                    {
                        return false;
                    }

                    p += close + 2;
                    return true;
                }

                goto default;
            default:
                if (pattern[p] != c)
                {
                    return false;
                }

                p++;
                return true;
        }
    }
}
