using System.Text;

namespace Certwright.Validation.Internal;

/// <summary>One attribute of a relative distinguished name.</summary>
/// <param name="Oid">Attribute type.</param>
/// <param name="Tag">Universal tag number of the value's encoding.</param>
/// <param name="Value">Decoded text for string types, else null.</param>
/// <param name="Comparable">The RFC 5280 7.1 comparison form: case-folded, whitespace-compacted text for
/// string types; hex of the encoded value otherwise.</param>
internal sealed record NameAttribute(string Oid, int Tag, string? Value, string Comparable);

/// <summary>
/// An X.500 Name as RDNs in encoding order (most significant first), with a comparison key that
/// implements RFC 5280 7.1: string values compare case-insensitively with whitespace folded,
/// whatever string type encodes them; multi-valued RDNs compare as sets.
/// </summary>
internal sealed class DistinguishedName
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN",
        ["2.5.4.6"] = "C",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.5"] = "SERIALNUMBER",
        ["2.5.4.9"] = "STREET",
        ["2.5.4.97"] = "organizationIdentifier",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
        ["1.2.840.113549.1.9.1"] = "emailAddress",
    };

    public DistinguishedName(IReadOnlyList<IReadOnlyList<NameAttribute>> rdns, byte[] encoded)
    {
        Rdns = rdns;
        Encoded = encoded;
        RdnKeys = rdns.Select(RdnKey).ToArray();
        Key = string.Join('\u001e', RdnKeys);
    }

    public IReadOnlyList<IReadOnlyList<NameAttribute>> Rdns { get; }

    /// <summary>The DER encoding of the Name, as it appeared in the certificate.</summary>
    public byte[] Encoded { get; }

    /// <summary>Comparison key: equal keys mean equal names under RFC 5280 7.1.</summary>
    public string Key { get; }

    private string[] RdnKeys { get; }

    public bool IsEmpty => Rdns.Count == 0;

    public IEnumerable<string> ValuesOf(string oid) =>
        Rdns.SelectMany(r => r).Where(a => a.Oid == oid && a.Value is not null).Select(a => a.Value!);

    /// <summary>Whether this name is <paramref name="subtree"/> or lies beneath it (directoryName constraint).</summary>
    public bool IsWithin(DistinguishedName subtree)
    {
        if (subtree.RdnKeys.Length > RdnKeys.Length)
        {
            return false;
        }

        for (var i = 0; i < subtree.RdnKeys.Length; i++)
        {
            if (!string.Equals(subtree.RdnKeys[i], RdnKeys[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 4514-style text (least significant RDN first), for messages.</summary>
    public override string ToString()
    {
        if (Rdns.Count == 0)
        {
            return "<empty>";
        }

        var sb = new StringBuilder();
        for (var i = Rdns.Count - 1; i >= 0; i--)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            var first = true;
            foreach (var attribute in Rdns[i])
            {
                if (!first)
                {
                    sb.Append(" + ");
                }

                first = false;
                sb.Append(ShortNames.TryGetValue(attribute.Oid, out var shortName) ? shortName : attribute.Oid);
                sb.Append('=');
                sb.Append(attribute.Value ?? "#" + attribute.Comparable);
            }
        }

        return sb.ToString();
    }

    private static string RdnKey(IReadOnlyList<NameAttribute> rdn) =>
        string.Join('\u001f', rdn.Select(a => a.Oid + "=" + a.Comparable).Order(StringComparer.Ordinal));

    /// <summary>RFC 4518-style preparation, reduced to what matters for chaining: case fold and whitespace.</summary>
    public static string Fold(string value)
    {
        var sb = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(char.ToLowerInvariant(char.ToUpperInvariant(c)));
        }

        return sb.ToString();
    }
}
