namespace Certwright.Validation.Internal;

/// <summary>Syntax and subtree rules for DNS names (RFC 1034 preferred syntax, lower-cased ASCII).</summary>
internal static class DnsNames
{
    /// <summary>Whether <paramref name="name"/> (lower-case) is a hostname; "*" may be the whole first label when allowed.</summary>
    public static bool IsValid(string name, bool allowWildcard)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label.Length is 0 or > 63)
            {
                return false;
            }

            if (label == "*" && i == 0 && allowWildcard && labels.Length > 1)
            {
                continue;
            }

            foreach (var ch in label)
            {
                // Underscores are not LDH but appear in real names (SRV-style labels); they cannot widen a match.
                if (ch is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> is <paramref name="subtree"/> or below it, on label boundaries.
    /// A subtree with a leading dot (accepted only outside the Web PKI profile) means strictly below.</summary>
    public static bool IsWithin(string name, string subtree)
    {
        if (subtree.Length == 0)
        {
            return true;
        }

        if (subtree[0] == '.')
        {
            return name.Length > subtree.Length && name.EndsWith(subtree, StringComparison.Ordinal);
        }

        return name == subtree
            || (name.Length > subtree.Length && name.EndsWith(subtree, StringComparison.Ordinal) && name[^(subtree.Length + 1)] == '.');
    }

    /// <summary>Whether every name a wildcard <c>*.base</c> can match lies within the subtree.</summary>
    public static bool WildcardWithin(string wildcardBase, string subtree) =>
        subtree.Length == 0
        || (subtree[0] == '.' ? wildcardBase == subtree[1..] || IsWithin(wildcardBase, subtree) : IsWithin(wildcardBase, subtree));

    /// <summary>Whether some name a wildcard <c>*.base</c> can match lies within the subtree.</summary>
    public static bool WildcardIntersects(string wildcardBase, string subtree)
    {
        if (WildcardWithin(wildcardBase, subtree))
        {
            return true;
        }

        var bare = subtree.TrimStart('.');
        var dot = bare.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && bare[(dot + 1)..] == wildcardBase;
    }
}
