namespace Certwright.Discovery;

/// <summary>
/// Canonical paths (every symbolic link resolved, like realpath(3)), so a directory reached through
/// several links, or a link loop, is recognised as already visited.
/// </summary>
internal static class RealPath
{
    // As the kernel's ELOOP limit: more links than this on one path is a loop.
    private const int MaxLinks = 40;

    /// <summary>The canonical path, or null when a component is missing or the links loop.</summary>
    public static string? Resolve(string path)
    {
        var links = 0;
        try
        {
            return Resolve(Path.GetFullPath(path), ref links);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Resolve(string fullPath, ref int links)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        foreach (var component in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(current, component);
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                var absolute = Path.GetFullPath(target, current);
                var resolved = Resolve(absolute, ref links);
                if (resolved is null)
                {
                    return null;
                }

                current = resolved;
            }
            else if (info.Exists || Directory.Exists(candidate))
            {
                current = candidate;
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
