namespace Certwright.Discovery;

/// <summary>Applies the include and exclude globs of <see cref="DiscoveryOptions"/> to relative paths.</summary>
internal sealed class PathFilter
{
    private readonly GlobPattern[] _include;
    private readonly GlobPattern[] _exclude;

    public PathFilter(IEnumerable<string> include, IEnumerable<string> exclude)
    {
        _include = [.. include.Select(p => new GlobPattern(p))];
        _exclude = [.. exclude.Select(p => new GlobPattern(p))];
    }

    /// <summary>Whether a file found while walking should be read.</summary>
    public bool IncludesFile(string relativePath)
    {
        foreach (var pattern in _exclude)
        {
            if (pattern.IsMatch(relativePath))
            {
                return false;
            }
        }

        if (_include.Length == 0)
        {
            return true;
        }

        foreach (var pattern in _include)
        {
            if (pattern.IsMatch(relativePath))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a directory is excluded as a whole (not descended into).</summary>
    public bool ExcludesDirectory(string relativePath)
    {
        foreach (var pattern in _exclude)
        {
            if (pattern.MatchesWholeDirectory(relativePath))
            {
                return true;
            }
        }

        return false;
    }
}
