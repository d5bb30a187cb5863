using System.Formats.Asn1;
using System.Net;
using System.Text;

namespace Certwright.Certificates;

/// <summary>
/// Reads RFC 5280 GeneralName values (subjectAltName, authorityInfoAccess, CRL distribution points).
/// Forms: <c>DNS</c>, <c>IP</c> (IPv4 dotted, IPv6 in RFC 5952 form), <c>URI</c> (SPIFFE IDs included),
/// <c>email</c>, <c>DirName</c> (RFC 4514), and <see cref="SubjectAlternativeNameKind.Other"/> as
/// <c>TYPE:VALUE</c>: otherName as <c>UPN:alice@example.com</c> (or <c>1.2.3.4:#0C0161</c> for a value
/// that is not a string), <c>registeredID:1.2.3</c>, <c>x400Address:#hex</c>, <c>ediPartyName:#hex</c>.
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

    /// <summary>Reads one GeneralName.</summary>
    public static SubjectAlternativeName Read(ref DerReader reader)
    {
        var whole = reader.ReadEncoded(out var tag, out var contents);
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
                return new(SubjectAlternativeNameKind.IpAddress, FormatIp(contents));
            case DirectoryNameTag when tag.IsConstructed:
                var name = new DerReader(contents);
                var encodedName = name.ReadEncoded();
                name.EnsureEnd();
                return new(SubjectAlternativeNameKind.DirectoryName, DistinguishedNameFormatter.Format(encodedName, out _));
            case OtherNameTag when tag.IsConstructed:
                return new(SubjectAlternativeNameKind.Other, FormatOtherName(contents));
            case RegisteredIdTag when !tag.IsConstructed:
                return new(SubjectAlternativeNameKind.Other, "registeredID:" + OidRegistry.Lookup(contents).Dotted);
            case X400AddressTag:
                return new(SubjectAlternativeNameKind.Other, "x400Address:#" + Convert.ToHexString(whole));
            case EdiPartyNameTag:
                return new(SubjectAlternativeNameKind.Other, "ediPartyName:#" + Convert.ToHexString(whole));
            default:
                throw new AsnContentException($"unknown GeneralName form {tag}");
        }
    }

    /// <summary>Whether a GeneralName tag is the URI form (the only form AIA and CRL DP consumers use).</summary>
    public static bool IsUri(Asn1Tag tag) => tag.TagClass == TagClass.ContextSpecific && tag.TagValue == UriTag && !tag.IsConstructed;

    private static string FormatOtherName(ReadOnlySpan<byte> contents)
    {
        var reader = new DerReader(contents);
        var type = reader.ReadOid();
        var wrapper = reader.ReadExplicit(OtherNameValueTag);
        reader.EnsureEnd();
        var value = wrapper.ReadEncoded(out var valueTag, out var valueContents);
        wrapper.EnsureEnd();
        return AsnText.IsStringType(valueTag)
            ? $"{type.Display}:{AsnText.Decode(valueTag, valueContents)}"
            : $"{type.Display}:#{Convert.ToHexString(value)}";
    }

    private static string FormatIp(ReadOnlySpan<byte> address) => address.Length switch
    {
        4 or 16 => new IPAddress(address).ToString(),

        // Not an address (a name-constraint style address/mask pair or garbage): show the bytes.
        _ => "#" + Convert.ToHexString(address),
    };
}
