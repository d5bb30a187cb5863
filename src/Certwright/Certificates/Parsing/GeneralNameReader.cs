using System.Formats.Asn1;
using System.Text;

namespace Certwright.Certificates;

/// <summary>One GeneralName as encoded: its context tag and contents, not yet interpreted.</summary>
internal readonly ref struct RawGeneralName
{
    public required Asn1Tag Tag { get; init; }

    public required ReadOnlySpan<byte> Contents { get; init; }

    /// <summary>The whole encoding (tag, length, contents).</summary>
    public required ReadOnlySpan<byte> Encoded { get; init; }

    /// <summary>Whether this is the URI form (the only form AIA and CRL DP consumers use).</summary>
    public bool IsUri => Tag.TagClass == TagClass.ContextSpecific && Tag.TagValue == GeneralNameReader.UriTag && !Tag.IsConstructed;
}

/// <summary>
/// Reads RFC 5280 GeneralName values (subjectAltName, authorityInfoAccess, CRL distribution points,
/// name constraints). <see cref="ReadRaw"/> splits one off; <see cref="Read"/> gives the inventory's
/// display form, <see cref="GeneralName.From"/> the path validator's. Display forms: <c>DNS</c>,
/// <c>IP</c> (IPv4 dotted, IPv6 in RFC 5952 form), <c>URI</c> (SPIFFE IDs included), <c>email</c>,
/// <c>DirName</c> (RFC 4514), and <see cref="SubjectAlternativeNameKind.Other"/> as <c>TYPE:VALUE</c>:
/// otherName as <c>UPN:alice@example.com</c> (or <c>1.2.3.4:#0C0161</c> for a value that is not a string),
/// <c>registeredID:1.2.3</c>, <c>x400Address:#hex</c>, <c>ediPartyName:#hex</c>.
/// </summary>
internal static class GeneralNameReader
{
    public const int OtherNameTag = 0;
    public const int Rfc822NameTag = 1;
    public const int DnsNameTag = 2;
    public const int X400AddressTag = 3;
    public const int DirectoryNameTag = 4;
    public const int EdiPartyNameTag = 5;
    public const int UriTag = 6;
    public const int IpAddressTag = 7;
    public const int RegisteredIdTag = 8;

    private static readonly Asn1Tag OtherNameValueTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>Splits off one GeneralName without interpreting it.</summary>
    public static RawGeneralName ReadRaw(scoped ref DerReader reader)
    {
        var encoded = reader.ReadEncoded(out var tag, out var contents);
        return new RawGeneralName { Tag = tag, Contents = contents, Encoded = encoded };
    }

    /// <summary>Reads one GeneralName in the inventory's display form.</summary>
    public static SubjectAlternativeName Read(ref DerReader reader)
    {
        var name = ReadRaw(ref reader);
        var tag = name.Tag;
        var contents = name.Contents;
        if (tag.TagClass != TagClass.ContextSpecific)
        {
            throw new AsnContentException($"expected a GeneralName, found {tag}");
        }

        switch (tag.TagValue)
        {
            case DnsNameTag when !tag.IsConstructed:
                return new(SubjectAlternativeNameKind.Dns, Encoding.Latin1.GetString(contents));
            case UriTag when !tag.IsConstructed:
                return new(SubjectAlternativeNameKind.Uri, Encoding.Latin1.GetString(contents));
            case Rfc822NameTag when !tag.IsConstructed:
                return new(SubjectAlternativeNameKind.Email, Encoding.Latin1.GetString(contents));
            case IpAddressTag when !tag.IsConstructed:
                return new(SubjectAlternativeNameKind.IpAddress, IpText.Format(contents));
            case DirectoryNameTag when tag.IsConstructed:
                return new(SubjectAlternativeNameKind.DirectoryName, DistinguishedNameFormatter.Format(DirectoryName(contents, reader.Rules), out _));
            case OtherNameTag when tag.IsConstructed:
                return new(SubjectAlternativeNameKind.Other, FormatOtherName(contents, reader.Rules));
            case RegisteredIdTag when !tag.IsConstructed:
                return new(SubjectAlternativeNameKind.Other, "registeredID:" + OidRegistry.Lookup(contents).Dotted);
            case X400AddressTag:
                return new(SubjectAlternativeNameKind.Other, "x400Address:#" + Convert.ToHexString(name.Encoded));
            case EdiPartyNameTag:
                return new(SubjectAlternativeNameKind.Other, "ediPartyName:#" + Convert.ToHexString(name.Encoded));
            default:
                throw new AsnContentException($"unknown GeneralName form {tag}");
        }
    }

    /// <summary>The Name inside a directoryName's explicit [4] wrapper.</summary>
    public static ReadOnlySpan<byte> DirectoryName(ReadOnlySpan<byte> contents, AsnEncodingRules rules)
    {
        var wrapper = new DerReader(contents, rules);
        var name = wrapper.ReadEncoded();
        wrapper.EnsureEnd();
        return name;
    }

    private static string FormatOtherName(ReadOnlySpan<byte> contents, AsnEncodingRules rules)
    {
        var reader = new DerReader(contents, rules);
        var type = reader.ReadOid();
        var wrapper = reader.ReadExplicit(OtherNameValueTag);
        reader.EnsureEnd();
        var value = wrapper.ReadEncoded(out var valueTag, out var valueContents);
        wrapper.EnsureEnd();
        return AsnText.IsStringType(valueTag)
            ? $"{type.Display}:{AsnText.Decode(valueTag, valueContents)}"
            : $"{type.Display}:#{Convert.ToHexString(value)}";
    }
}
