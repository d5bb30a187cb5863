using System.Formats.Asn1;
using System.Numerics;
using System.Text;
using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// RFC 5280 section 4.1 rules on the certificate outline that the lenient shared decoder lets through
/// (the inventory shows such certificates, as openssl does); here each one is a defect.
/// </summary>
internal static class StructureRules
{
    public static void CheckSerial(BigInteger serial, int length, List<CertificateDefect> defects)
    {
        // RFC 5280 4.1.2.2: positive, at most 20 octets. PKITS and old private CAs break this, so only the
        // Web PKI profile rejects it.
        if (serial.Sign < 0)
        {
            defects.Add(new(FindingCodes.NonconformingCertificate, "the serial number is negative (RFC 5280 4.1.2.2)", WebPkiOnly: true, AnchorExempt: true));
        }
        else if (serial.IsZero)
        {
            defects.Add(new(FindingCodes.NonconformingCertificate, "the serial number is zero (RFC 5280 4.1.2.2)", WebPkiOnly: true, AnchorExempt: true));
        }

        if (length > 20)
        {
            defects.Add(new(FindingCodes.NonconformingCertificate, $"the serial number is {length} octets; RFC 5280 4.1.2.2 allows at most 20", WebPkiOnly: true, AnchorExempt: true));
        }
    }

    public static void CheckVersion(in CertificateStructure structure, List<CertificateDefect> defects)
    {
        if (structure.HasUniqueIdentifier && structure.Version < 2)
        {
            defects.Add(new(FindingCodes.NonconformingCertificate, "a v1 certificate carries a unique identifier (RFC 5280 4.1.2.8)"));
        }

        if (structure.HasExtensions && structure.Version != 3)
        {
            defects.Add(new(FindingCodes.NonconformingCertificate, $"a v{structure.Version} certificate carries extensions (RFC 5280 4.1.2.9)"));
        }
    }

    /// <summary>RFC 5280 4.1.2.5: UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ, nothing else.</summary>
    public static void CheckTime(ReadOnlySpan<byte> encoded, string field, List<CertificateDefect> defects)
    {
        var tag = AsnDecoder.ReadEncodedValue(encoded, AsnEncodingRules.BER, out var offset, out var length, out _);
        var content = encoded.Slice(offset, length);
        var isUtc = tag.HasSameClassAndValue(Asn1Tag.UtcTime);
        var wellFormed = !tag.IsConstructed && content.Length == (isUtc ? 13 : 15) && content[^1] == (byte)'Z'
            && !content[..^1].ContainsAnyExceptInRange((byte)'0', (byte)'9');
        if (!wellFormed)
        {
            var text = Encoding.Latin1.GetString(content);
            defects.Add(new(FindingCodes.NonconformingCertificate, isUtc
                ? $"its {field} UTCTime '{text}' is not YYMMDDHHMMSSZ (RFC 5280 4.1.2.5.1)"
                : $"its {field} GeneralizedTime '{text}' is not YYYYMMDDHHMMSSZ (RFC 5280 4.1.2.5.2)"));
        }
    }

    public static void CheckPublicKey(ReadOnlyMemory<byte> spki, PublicKeyDescription key, int unusedBits, List<CertificateDefect> defects)
    {
        if (unusedBits != 0)
        {
            defects.Add(new(FindingCodes.NonconformingCertificate, "the public key BIT STRING has unused bits"));
        }

        if (key.Algorithm == KeyAlgorithm.Rsa)
        {
            var (modulus, exponent) = PublicKeyReader.ReadRsa(PublicKeyReader.Split(spki).Key);
            if ((modulus.Span[0] & 0x80) != 0 || (exponent.Span[0] & 0x80) != 0)
            {
                defects.Add(new(FindingCodes.NonconformingCertificate, "its RSA modulus or exponent is negative"));
            }
        }
    }
}
