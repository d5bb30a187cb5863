using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>The GeneralName forms of RFC 5280 4.2.1.6, numbered by their context tag.</summary>
internal enum GeneralNameKind
{
    OtherName = 0,
    Rfc822Name = 1,
    DnsName = 2,
    X400Address = 3,
    DirectoryName = 4,
    EdiPartyName = 5,
    Uri = 6,
    IPAddress = 7,
    RegisteredId = 8,
}

/// <summary>
/// One GeneralName as the path validator compares it. <see cref="Text"/> holds IA5 forms (null when the
/// bytes are not ASCII) and registeredID's dotted OID, <see cref="Bytes"/> the raw content (the address
/// for iPAddress; the whole encoding for otherName, x400Address and ediPartyName, kept opaque),
/// <see cref="Name"/> a directoryName.
/// </summary>
internal sealed record GeneralName(GeneralNameKind Kind, string? Text, byte[] Bytes, DistinguishedName? Name = null)
{
    /// <summary>Interprets a GeneralName read with <see cref="GeneralNameReader.ReadRaw"/>.</summary>
    /// <exception cref="AsnContentException">The tag is not a GeneralName form, or the value does not match its form.</exception>
    public static GeneralName From(RawGeneralName raw, AsnEncodingRules rules)
    {
        var tag = raw.Tag;
        if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue > GeneralNameReader.RegisteredIdTag)
        {
            throw new AsnContentException($"unexpected GeneralName tag {tag}");
        }

        var kind = (GeneralNameKind)tag.TagValue;
        switch (kind)
        {
            case GeneralNameKind.Rfc822Name or GeneralNameKind.DnsName or GeneralNameKind.Uri or GeneralNameKind.IPAddress or GeneralNameKind.RegisteredId
                when tag.IsConstructed:
                throw new AsnContentException($"a {kind} GeneralName is constructed");
            case GeneralNameKind.Rfc822Name or GeneralNameKind.DnsName or GeneralNameKind.Uri:
                return new GeneralName(kind, AsnText.AsciiOrNull(raw.Contents), raw.Contents.ToArray());
            case GeneralNameKind.IPAddress:
                return new GeneralName(kind, null, raw.Contents.ToArray());
            case GeneralNameKind.DirectoryName when !tag.IsConstructed:
                throw new AsnContentException("a directoryName GeneralName is primitive");
            case GeneralNameKind.DirectoryName:
                var name = DistinguishedName.Decode(GeneralNameReader.DirectoryName(raw.Contents, rules).ToArray(), rules);
                return new GeneralName(kind, null, name.Encoded, name);
            case GeneralNameKind.RegisteredId:
                return new GeneralName(kind, OidRegistry.Lookup(raw.Contents).Dotted, []);
            default:
                return new GeneralName(kind, null, raw.Encoded.ToArray());
        }
    }

    /// <summary>Reads a GeneralNames SEQUENCE (subjectAltName, issuerAltName) into the validator's form.</summary>
    public static List<GeneralName> ReadAll(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        var names = new List<GeneralName>(4);
        while (sequence.HasData)
        {
            names.Add(From(GeneralNameReader.ReadRaw(ref sequence), sequence.Rules));
        }

        return names;
    }

    public override string ToString() => Kind switch
    {
        GeneralNameKind.DnsName => $"DNS:{Text ?? "<non-ASCII>"}",
        GeneralNameKind.Rfc822Name => $"email:{Text ?? "<non-ASCII>"}",
        GeneralNameKind.Uri => $"URI:{Text ?? "<non-ASCII>"}",
        GeneralNameKind.IPAddress => $"IP:{IpText.Format(Bytes)}",
        GeneralNameKind.DirectoryName => $"DirName:{Name}",
        _ => $"{Kind}",
    };
}
