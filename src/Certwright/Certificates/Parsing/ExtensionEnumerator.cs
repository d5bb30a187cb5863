using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>
/// Walks the Extension SEQUENCE OF of a certificate: OID, criticality (absent means FALSE) and the
/// extnValue contents, without allocating. Decoding a value is left to the extension decoders.
/// </summary>
internal ref struct ExtensionEnumerator
{
    private DerReader _list;

    public ExtensionEnumerator(ReadOnlySpan<byte> contents, AsnEncodingRules rules)
    {
        _list = new DerReader(contents, rules);
        Oid = null!; // set by MoveNext before it is read
    }

    public OidInfo Oid { get; private set; }

    public bool IsCritical { get; private set; }

    /// <summary>The extnValue OCTET STRING contents: the encoded extension value.</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    public readonly AsnEncodingRules Rules => _list.Rules;

    /// <summary>Reads the next extension's header; false at the end of the list.</summary>
    /// <exception cref="AsnContentException">The extension is not OID, BOOLEAN, OCTET STRING.</exception>
    public bool MoveNext()
    {
        if (!_list.HasData)
        {
            return false;
        }

        var extension = _list.ReadSequence();
        Oid = extension.ReadOid();
        IsCritical = extension.NextIs(Asn1Tag.Boolean) && extension.ReadBoolean();
        Value = extension.ReadOctetString();
        extension.EnsureEnd();
        return true;
    }

    /// <summary>A reader over the current value, with the list's rules.</summary>
    public readonly DerReader ValueReader() => new(Value, _list.Rules);
}
