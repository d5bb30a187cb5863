using System.Formats.Asn1;

namespace Certwright.Validation.Internal;

/// <summary>Decodes GeneralName and GeneralNames (RFC 5280 4.2.1.6).</summary>
internal static class GeneralNameParser
{
    public static List<GeneralName> ReadNames(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var names = new List<GeneralName>();
        while (sequence.HasData)
        {
            names.Add(Read(sequence));
        }

        if (names.Count == 0)
        {
            throw new CertificateFormatException("GeneralNames is an empty SEQUENCE");
        }

        return names;
    }

    public static GeneralName Read(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue > 8)
        {
            throw new CertificateFormatException($"unexpected GeneralName tag {tag}");
        }

        var kind = (GeneralNameKind)tag.TagValue;
        switch (kind)
        {
            case GeneralNameKind.Rfc822Name:
            case GeneralNameKind.DnsName:
            case GeneralNameKind.Uri:
                var ia5 = reader.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue));
                return new GeneralName(kind, NameParser.Ascii(ia5), ia5);
            case GeneralNameKind.IPAddress:
                var ip = reader.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 7));
                return new GeneralName(kind, null, ip);
            case GeneralNameKind.DirectoryName:
                var explicitName = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true));
                var name = NameParser.Read(explicitName);
                explicitName.ThrowIfNotEmpty();
                return new GeneralName(kind, null, name.Encoded, name);
            case GeneralNameKind.RegisteredId:
                var oid = reader.ReadObjectIdentifier(new Asn1Tag(TagClass.ContextSpecific, 8));
                return new GeneralName(kind, oid, []);
            default:
                // otherName, x400Address, ediPartyName: kept opaque; constraints on them are unsupported.
                return new GeneralName(kind, null, reader.ReadEncodedValue().ToArray());
        }
    }
}
