using System.Formats.Asn1;
using System.Text;

namespace Certwright.Certificates;

/// <summary>One attribute of a relative distinguished name.</summary>
/// <param name="Oid">Attribute type.</param>
/// <param name="Tag">Universal tag number of the value's encoding.</param>
/// <param name="Value">Decoded text for string types (exactly, see <see cref="AsnText.DecodeExact"/>), else null.</param>
/// <param name="Comparable">The RFC 5280 7.1 comparison form: case-folded, whitespace-compacted text for
/// string types; hex of the encoded value otherwise.</param>
internal sealed record NameAttribute(string Oid, int Tag, string? Value, string Comparable);

/// <summary>
/// An X.501 Name decoded into RDNs (encoding order, most significant first) with a comparison key that
/// implements RFC 5280 7.1: string values compare case-insensitively with whitespace folded, whatever
/// string type encodes them; multi-valued RDNs compare as sets. Its text is the RFC 4514 form of
/// <see cref="DistinguishedNameFormatter"/>, the same as <see cref="CertificateRecord.Subject"/>.
/// </summary>
internal sealed class DistinguishedName
{
    private readonly string[] _rdnKeys;
    private string? _text;

    private DistinguishedName(IReadOnlyList<IReadOnlyList<NameAttribute>> rdns, byte[] encoded)
    {
        Rdns = rdns;
        Encoded = encoded;
        _rdnKeys = new string[rdns.Count];
        for (var i = 0; i < rdns.Count; i++)
        {
            _rdnKeys[i] = RdnKey(rdns[i]);
        }

        Key = string.Join('\u001e', _rdnKeys);
    }

    public IReadOnlyList<IReadOnlyList<NameAttribute>> Rdns { get; }

    /// <summary>The encoding of the Name, as it appeared in the certificate.</summary>
    public byte[] Encoded { get; }

    /// <summary>Comparison key: equal keys mean equal names under RFC 5280 7.1.</summary>
    public string Key { get; }

    public bool IsEmpty => Rdns.Count == 0;

    /// <summary>Decodes a Name (its whole encoding).</summary>
    /// <exception cref="AsnContentException">Not a Name under <paramref name="rules"/>, or an RDN is empty.</exception>
    public static DistinguishedName Decode(byte[] encoded, AsnEncodingRules rules)
    {
        var outer = new DerReader(encoded, rules);
        var sequence = outer.ReadSequence();
        outer.EnsureEnd();
        var rdns = new List<IReadOnlyList<NameAttribute>>();
        while (sequence.HasData)
        {
            var set = sequence.ReadSetOf();
            var attributes = new List<NameAttribute>(1);
            while (set.HasData)
            {
                var atv = set.ReadSequence();
                var oid = atv.ReadOid().Dotted;
                var value = atv.ReadEncoded(out var tag, out var contents);
                atv.EnsureEnd();
                var text = AsnText.DecodeExact(tag, contents);
                var comparable = text is not null ? Fold(text) : "#" + Convert.ToHexStringLower(value);
                attributes.Add(new NameAttribute(oid, tag.TagValue, text, comparable));
            }

            if (attributes.Count == 0)
            {
                throw new AsnContentException("a relative distinguished name is an empty SET");
            }

            rdns.Add(attributes);
        }

        return new DistinguishedName(rdns, encoded);
    }

    public IEnumerable<string> ValuesOf(string oid) =>
        Rdns.SelectMany(r => r).Where(a => a.Oid == oid && a.Value is not null).Select(a => a.Value!);

    /// <summary>Whether this name is <paramref name="subtree"/> or lies beneath it (directoryName constraint).</summary>
    public bool IsWithin(DistinguishedName subtree)
    {
        if (subtree._rdnKeys.Length > _rdnKeys.Length)
        {
            return false;
        }

        for (var i = 0; i < subtree._rdnKeys.Length; i++)
        {
            if (!string.Equals(subtree._rdnKeys[i], _rdnKeys[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The RFC 4514 form (most specific RDN first), as the inventory shows names; empty for an empty name.</summary>
    public override string ToString() => _text ??= DistinguishedNameFormatter.Format(Encoded, out _);

    private static string RdnKey(IReadOnlyList<NameAttribute> rdn) =>
        rdn.Count == 1
            ? rdn[0].Oid + "=" + rdn[0].Comparable
            : string.Join('\u001f', rdn.Select(a => a.Oid + "=" + a.Comparable).Order(StringComparer.Ordinal));

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
