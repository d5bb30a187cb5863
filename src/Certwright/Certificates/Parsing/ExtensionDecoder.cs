using System.Formats.Asn1;
using System.Text;

namespace Certwright.Certificates;

/// <summary>
/// Decoders for the value of each RFC 5280 extension, shared by the inventory record and the path
/// validator. They decode the ASN.1 structure and throw <see cref="AsnContentException"/> when it is
/// wrong; profile rules (an empty list, a key usage without bits) are left to the caller, which
/// decides whether they are errors. The reader's rules (BER or DER) apply throughout.
/// </summary>
internal static class ExtensionDecoder
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag Context2 = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag Context0Constructed = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>keyUsage: the named bits 0 to 8 that are set (bits in the unused part do not count).</summary>
    public static KeyUsageBits ReadKeyUsage(ref DerReader reader)
    {
        var bits = reader.ReadBitString(out var unused);
        var usage = KeyUsageBits.None;
        var length = bits.Length * 8 - unused;
        for (var i = 0; i < 9 && i < length; i++)
        {
            if ((bits[i / 8] & (0x80 >> (i % 8))) != 0)
            {
                usage |= (KeyUsageBits)(1 << i);
            }
        }

        return usage;
    }

    /// <summary>A SEQUENCE OF OBJECT IDENTIFIER (extKeyUsage), dotted, in order.</summary>
    public static List<string> ReadOidList(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        var result = new List<string>(4);
        while (sequence.HasData)
        {
            result.Add(sequence.ReadOid().Dotted);
        }

        return result;
    }

    /// <summary>basicConstraints: cA (DEFAULT FALSE) and pathLenConstraint.</summary>
    public static (bool IsCa, int? PathLength) ReadBasicConstraints(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        var isCa = sequence.NextIs(Asn1Tag.Boolean) && sequence.ReadBoolean();
        int? pathLength = sequence.HasData ? ReadCount(ref sequence, "pathLenConstraint") : null;
        sequence.EnsureEnd();
        return (isCa, pathLength);
    }

    /// <summary>subjectKeyIdentifier: the OCTET STRING contents.</summary>
    public static ReadOnlySpan<byte> ReadSubjectKeyId(scoped ref DerReader reader) => reader.ReadOctetString();

    /// <summary>authorityKeyIdentifier: keyIdentifier [0], authorityCertIssuer [1], authorityCertSerialNumber [2].</summary>
    public static AuthorityKeyIdentifier ReadAuthorityKeyId(scoped ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        var hasKeyId = sequence.NextIs(Context0);
        var keyId = hasKeyId ? sequence.ReadOctetString(Context0) : default;
        var hasIssuer = sequence.SkipIf(Context1);
        var hasSerial = sequence.NextIs(Context2);
        if (hasSerial)
        {
            sequence.ReadIntegerBytes(Context2);
        }

        sequence.EnsureEnd();
        return new AuthorityKeyIdentifier { HasKeyIdentifier = hasKeyId, KeyIdentifier = keyId, HasIssuer = hasIssuer, HasSerial = hasSerial };
    }

    /// <summary>cRLDistributionPoints: the URIs of every fullName (relative names and CRL issuers are skipped).</summary>
    public static List<string> ReadCrlDistributionPointUris(ref DerReader reader)
    {
        var points = reader.ReadSequence();
        var result = new List<string>(1);
        while (points.HasData)
        {
            var point = points.ReadSequence();

            // distributionPoint [0] is a CHOICE, so explicitly tagged: fullName [0] or nameRelativeToCRLIssuer [1].
            if (!point.NextIs(Context0))
            {
                continue;
            }

            var name = point.ReadExplicit(Context0Constructed);
            if (!name.NextIs(Context0))
            {
                continue;
            }

            var fullName = name.ReadSequence(Context0Constructed);
            while (fullName.HasData)
            {
                var location = GeneralNameReader.ReadRaw(ref fullName);
                if (location.IsUri)
                {
                    result.Add(Encoding.Latin1.GetString(location.Contents));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A non-negative INTEGER used as a count (path length, skip certificates). Values beyond
    /// <see cref="int.MaxValue"/> read as <see cref="int.MaxValue"/>: no path is that long.
    /// </summary>
    public static int ReadCount(ref DerReader reader, string what, Asn1Tag? tag = null)
    {
        var value = reader.ReadIntegerBytes(tag);
        if ((value[0] & 0x80) != 0)
        {
            throw new AsnContentException($"{what} is negative");
        }

        var significant = value.TrimStart((byte)0);
        if (significant.Length > 4 || (significant.Length == 4 && significant[0] >= 0x80))
        {
            return int.MaxValue;
        }

        var count = 0;
        foreach (var b in significant)
        {
            count = (count << 8) | b;
        }

        return count;
    }
}
