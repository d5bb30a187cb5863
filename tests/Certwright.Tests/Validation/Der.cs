using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;

namespace Certwright.Tests.Validation;

/// <summary>DER building blocks for test certificates: names, GeneralNames and extension values.</summary>
public static class Der
{
    private static readonly Dictionary<string, string> AttributeOids = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = "2.5.4.3",
        ["C"] = "2.5.4.6",
        ["L"] = "2.5.4.7",
        ["ST"] = "2.5.4.8",
        ["O"] = "2.5.4.10",
        ["OU"] = "2.5.4.11",
        ["E"] = "1.2.840.113549.1.9.1",
        ["DC"] = "0.9.2342.19200300.100.1.25",
    };

    /// <summary>A Name from "O=Acme, CN=x" written most significant first (encoding order), UTF8String values
    /// (PrintableString for C, IA5String for E and DC) unless <paramref name="stringType"/> forces one.</summary>
    public static byte[] Name(string text, UniversalTagNumber? stringType = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var type = part[..eq];
                var value = part[(eq + 1)..];
                var oid = AttributeOids[type];
                var tag = stringType ?? type.ToUpperInvariant() switch
                {
                    "C" => UniversalTagNumber.PrintableString,
                    "E" or "DC" => UniversalTagNumber.IA5String,
                    _ => UniversalTagNumber.UTF8String,
                };
                using (writer.PushSetOf())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(oid);
                        writer.WriteCharacterString(tag, value);
                    }
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] EmptyName() => [0x30, 0x00];

    // GeneralName encodings (context tags of RFC 5280 4.2.1.6).
    public static byte[] Dns(string name) => Implicit(2, System.Text.Encoding.UTF8.GetBytes(name));

    public static byte[] Email(string name) => Implicit(1, System.Text.Encoding.UTF8.GetBytes(name));

    public static byte[] Uri(string name) => Implicit(6, System.Text.Encoding.UTF8.GetBytes(name));

    public static byte[] Ip(string address) => Implicit(7, IPAddress.Parse(address).GetAddressBytes());

    public static byte[] IpRaw(params byte[] bytes) => Implicit(7, bytes);

    /// <summary>An iPAddress constraint "address/prefix".</summary>
    public static byte[] IpRange(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(cidr[..slash]).GetAddressBytes();
        var prefix = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var mask = new byte[address.Length];
        for (var i = 0; i < prefix; i++)
        {
            mask[i / 8] |= (byte)(0x80 >> (i % 8));
        }

        return Implicit(7, [.. address, .. mask]);
    }

    public static byte[] Directory(string name)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true)))
        {
            writer.WriteEncodedValue(Name(name));
        }

        return writer.Encode();
    }

    public static byte[] OtherName(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                writer.WriteNull();
            }
        }

        return writer.Encode();
    }

    private static byte[] Implicit(int tag, byte[] content)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(content, new Asn1Tag(TagClass.ContextSpecific, tag));
        return writer.Encode();
    }

    // Extension values (the content of extnValue).
    public static byte[] BasicConstraints(bool ca, int? pathLength = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (ca)
            {
                writer.WriteBoolean(true);
            }

            if (pathLength is int length)
            {
                writer.WriteInteger(length);
            }
        }

        return writer.Encode();
    }

    /// <summary>keyUsage from bit numbers (0 digitalSignature, 2 keyEncipherment, 4 keyAgreement, 5 keyCertSign, 6 cRLSign).</summary>
    public static byte[] KeyUsage(params int[] bits)
    {
        var value = new byte[2];
        var highest = -1;
        foreach (var bit in bits)
        {
            value[bit / 8] |= (byte)(0x80 >> (bit % 8));
            highest = Math.Max(highest, bit);
        }

        var length = highest < 8 ? 1 : 2;
        var unused = highest < 0 ? 0 : (length * 8) - 1 - highest;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteBitString(value.AsSpan(0, highest < 0 ? 0 : length), highest < 0 ? 0 : unused);
        return writer.Encode();
    }

    public static byte[] Oids(params string[] oids)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var oid in oids)
            {
                writer.WriteObjectIdentifier(oid);
            }
        }

        return writer.Encode();
    }

    public static byte[] GeneralNames(params byte[][] names)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var name in names)
            {
                writer.WriteEncodedValue(name);
            }
        }

        return writer.Encode();
    }

    public static byte[] NameConstraints(byte[][]? permitted, byte[][]? excluded)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var (tag, subtrees) in new[] { (0, permitted), (1, excluded) })
            {
                if (subtrees is null)
                {
                    continue;
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, tag, true)))
                {
                    foreach (var subtree in subtrees)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteEncodedValue(subtree);
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] KeyId(byte[] spki) => OctetString(SHA1.HashData(spki));

    public static byte[] OctetString(byte[] value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(value);
        return writer.Encode();
    }

    public static byte[] AuthorityKeyId(byte[] issuerSpki)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA1.HashData(issuerSpki), new Asn1Tag(TagClass.ContextSpecific, 0));
        }

        return writer.Encode();
    }

    public static byte[] Policies(params string[] oids)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var oid in oids)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] PolicyMappings(params (string IssuerDomain, string SubjectDomain)[] mappings)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var (issuer, subject) in mappings)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(issuer);
                    writer.WriteObjectIdentifier(subject);
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] PolicyConstraints(int? requireExplicit, int? inhibitMapping)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (requireExplicit is int require)
            {
                writer.WriteInteger(require, new Asn1Tag(TagClass.ContextSpecific, 0));
            }

            if (inhibitMapping is int inhibit)
            {
                writer.WriteInteger(inhibit, new Asn1Tag(TagClass.ContextSpecific, 1));
            }
        }

        return writer.Encode();
    }

    public static byte[] Integer(int value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger(value);
        return writer.Encode();
    }

    public static byte[] Null() => [0x05, 0x00];
}
