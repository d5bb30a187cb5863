using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Text;

namespace Certwright.Certificates;

/// <summary>
/// Decodes the RFC 5280 extensions Certwright records. A known extension that does not decode makes
/// the certificate malformed (Go's parser, .NET chain building and browsers reject it too); unknown
/// extensions are only listed. The SCT list is the exception: clients ignore SCTs they cannot read, so
/// only the well-formed ones are counted.
/// </summary>
internal static class ExtensionReader
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Context0Constructed = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>Reads the Extensions SEQUENCE contents.</summary>
    /// <param name="extensions">Reader over the SEQUENCE OF Extension.</param>
    /// <param name="result">Receives what the extensions say.</param>
    /// <param name="current">Set to the extension being decoded, so an error can name it.</param>
    public static void Read(ref DerReader extensions, ParsedExtensions result, ref OidInfo? current)
    {
        while (extensions.HasData)
        {
            current = null;
            var extension = extensions.ReadSequence();
            var oid = extension.ReadOid();
            var critical = extension.NextIs(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.EnsureEnd();
            result.Add(new ExtensionInfo(oid.Dotted, critical));
            current = oid;
            var reader = new DerReader(value);
            switch (oid.Id)
            {
                case KnownOid.SubjectAltName:
                    result.SubjectAlternativeNames = ReadGeneralNames(ref reader);
                    break;
                case KnownOid.KeyUsage:
                    result.KeyUsage = ReadKeyUsage(ref reader);
                    break;
                case KnownOid.ExtendedKeyUsage:
                    result.ExtendedKeyUsages = ReadOidList(ref reader);
                    break;
                case KnownOid.BasicConstraints:
                    result.BasicConstraints = ReadBasicConstraints(ref reader, critical);
                    break;
                case KnownOid.SubjectKeyIdentifier:
                    result.SubjectKeyId = Convert.ToHexStringLower(reader.ReadOctetString());
                    break;
                case KnownOid.AuthorityKeyIdentifier:
                    result.AuthorityKeyId = ReadAuthorityKeyId(ref reader);
                    break;
                case KnownOid.AuthorityInfoAccess:
                    ReadAuthorityInfoAccess(ref reader, result);
                    break;
                case KnownOid.CrlDistributionPoints:
                    result.CrlDistributionPoints = ReadCrlDistributionPoints(ref reader);
                    break;
                case KnownOid.SignedCertificateTimestampList:
                    result.SctCount = CountScts(reader.ReadOctetString());
                    break;
                default:
                    continue;
            }

            reader.EnsureEnd();
        }
    }

    private static List<SubjectAlternativeName> ReadGeneralNames(ref DerReader reader)
    {
        var names = reader.ReadSequence();
        var result = new List<SubjectAlternativeName>(4);
        while (names.HasData)
        {
            result.Add(GeneralNameReader.Read(ref names));
        }

        return result;
    }

    private static KeyUsageBits ReadKeyUsage(ref DerReader reader)
    {
        var bits = reader.ReadBitString(out _);
        var usage = KeyUsageBits.None;
        for (var i = 0; i < 9 && i / 8 < bits.Length; i++)
        {
            if ((bits[i / 8] & (0x80 >> (i % 8))) != 0)
            {
                usage |= (KeyUsageBits)(1 << i);
            }
        }

        return usage;
    }

    private static List<string> ReadOidList(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        var result = new List<string>(4);
        while (sequence.HasData)
        {
            result.Add(sequence.ReadOid().Dotted);
        }

        return result;
    }

    private static BasicConstraintsInfo ReadBasicConstraints(ref DerReader reader, bool critical)
    {
        var sequence = reader.ReadSequence();
        var isCa = sequence.NextIs(Asn1Tag.Boolean) && sequence.ReadBoolean();
        int? pathLength = null;
        if (sequence.HasData)
        {
            pathLength = sequence.ReadInt32();
            if (pathLength < 0)
            {
                throw new AsnContentException("pathLenConstraint is negative");
            }
        }

        sequence.EnsureEnd();
        return new BasicConstraintsInfo(isCa, pathLength, critical);
    }

    private static string? ReadAuthorityKeyId(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();

        // authorityCertIssuer [1] and authorityCertSerialNumber [2] may follow; only keyIdentifier is kept.
        return sequence.NextIs(Context0) ? Convert.ToHexStringLower(sequence.ReadOctetString(Context0)) : null;
    }

    private static void ReadAuthorityInfoAccess(ref DerReader reader, ParsedExtensions result)
    {
        var sequence = reader.ReadSequence();
        while (sequence.HasData)
        {
            var description = sequence.ReadSequence();
            var method = description.ReadOid();
            description.ReadEncoded(out var tag, out var location);
            description.EnsureEnd();
            if (!GeneralNameReader.IsUri(tag))
            {
                continue;
            }

            if (method.Id == KnownOid.Ocsp)
            {
                (result.OcspUrls ??= new List<string>(1)).Add(Encoding.Latin1.GetString(location));
            }
            else if (method.Id == KnownOid.CaIssuers)
            {
                (result.CaIssuerUrls ??= new List<string>(1)).Add(Encoding.Latin1.GetString(location));
            }
        }
    }

    private static List<string> ReadCrlDistributionPoints(ref DerReader reader)
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
                fullName.ReadEncoded(out var tag, out var contents);
                if (GeneralNameReader.IsUri(tag))
                {
                    result.Add(Encoding.Latin1.GetString(contents));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Counts the SCTs in an RFC 6962 SignedCertificateTimestampList: a u16 total length, then u16
    /// length-prefixed SCTs. Stops at the first inconsistency.
    /// </summary>
    internal static int CountScts(ReadOnlySpan<byte> list)
    {
        if (list.Length < 2)
        {
            return 0;
        }

        var total = BinaryPrimitives.ReadUInt16BigEndian(list);
        var remaining = list.Slice(2, Math.Min(total, list.Length - 2));
        var count = 0;
        while (remaining.Length >= 2)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(remaining);
            if (length == 0 || length > remaining.Length - 2)
            {
                break;
            }

            count++;
            remaining = remaining[(2 + length)..];
        }

        return count;
    }
}
