using System.Buffers.Binary;
using System.Text;

namespace Certwright.Certificates;

/// <summary>
/// Collects what the inventory record shows from the extensions, with the shared decoders
/// (<see cref="ExtensionDecoder"/>). A known extension that does not decode makes the certificate
/// malformed (Go's parser, .NET chain building and browsers reject it too), and so does a repeated
/// one; unknown extensions are only listed. The SCT list is the exception: clients ignore SCTs they
/// cannot read, so only the well-formed ones are counted.
/// </summary>
internal static class ExtensionReader
{
    /// <summary>Reads every extension.</summary>
    /// <param name="extensions">The certificate's extensions.</param>
    /// <param name="result">Receives what the extensions say.</param>
    /// <param name="current">Set to the extension being decoded, so an error can name it.</param>
    public static void Read(ref ExtensionEnumerator extensions, ParsedExtensions result, ref OidInfo? current)
    {
        while (true)
        {
            current = null;
            if (!extensions.MoveNext())
            {
                return;
            }

            var oid = extensions.Oid;
            var critical = extensions.IsCritical;
            result.Add(new ExtensionInfo(oid.Dotted, critical));
            current = oid;
            var reader = extensions.ValueReader();
            switch (oid.Id)
            {
                case KnownOid.SubjectAltName:
                    result.SubjectAlternativeNames = ReadGeneralNames(ref reader);
                    break;
                case KnownOid.KeyUsage:
                    result.KeyUsage = ExtensionDecoder.ReadKeyUsage(ref reader);
                    break;
                case KnownOid.ExtendedKeyUsage:
                    result.ExtendedKeyUsages = ExtensionDecoder.ReadOidList(ref reader);
                    break;
                case KnownOid.BasicConstraints:
                    var (isCa, pathLength) = ExtensionDecoder.ReadBasicConstraints(ref reader);
                    result.BasicConstraints = new BasicConstraintsInfo(isCa, pathLength, critical);
                    break;
                case KnownOid.SubjectKeyIdentifier:
                    result.SubjectKeyId = Convert.ToHexStringLower(ExtensionDecoder.ReadSubjectKeyId(ref reader));
                    break;
                case KnownOid.AuthorityKeyIdentifier:
                    var aki = ExtensionDecoder.ReadAuthorityKeyId(ref reader);
                    result.AuthorityKeyId = aki.HasKeyIdentifier ? Convert.ToHexStringLower(aki.KeyIdentifier) : null;
                    break;
                case KnownOid.AuthorityInfoAccess:
                    ReadAuthorityInfoAccess(ref reader, result);
                    break;
                case KnownOid.CrlDistributionPoints:
                    result.CrlDistributionPoints = ExtensionDecoder.ReadCrlDistributionPointUris(ref reader);
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

    private static void ReadAuthorityInfoAccess(ref DerReader reader, ParsedExtensions result)
    {
        var descriptions = new AccessDescriptionReader(ref reader);
        while (descriptions.MoveNext())
        {
            var location = descriptions.Location;
            if (!location.IsUri)
            {
                continue;
            }

            if (descriptions.Method.Id == KnownOid.Ocsp)
            {
                (result.OcspUrls ??= new List<string>(1)).Add(Encoding.Latin1.GetString(location.Contents));
            }
            else if (descriptions.Method.Id == KnownOid.CaIssuers)
            {
                (result.CaIssuerUrls ??= new List<string>(1)).Add(Encoding.Latin1.GetString(location.Contents));
            }
        }
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
