using System.Formats.Asn1;
using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>
/// Reads a binary file of one DER certificate, or several concatenated (some tools <c>cat</c> .der
/// files together). Trailing whitespace or NUL padding is ignored. A DER structure that is a CSR or
/// CRL rather than a certificate is reported as unsupported-format, not as a corrupt certificate.
/// </summary>
internal static class DerCertificateReader
{
    public static void Read(ReadOnlySpan<byte> data, ContainerResultBuilder result)
    {
        var reader = new DerReader(data);
        var index = 0;
        while (true)
        {
            var rest = reader.Remaining;
            if (rest.IndexOfAnyExcept(" \t\r\n\0"u8) < 0)
            {
                return;
            }

            if (rest[0] != 0x30)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{rest.Length} bytes of unrecognised data after DER certificate {index}");
                return;
            }

            index++;
            ReadOnlySpan<byte> encoded;
            try
            {
                encoded = reader.ReadEncoded();
            }
            catch (AsnContentException e)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"DER certificate {index} is truncated or malformed: {e.Message}");
                return;
            }

            if (result.TryAdd(encoded.ToArray(), out var error))
            {
                continue;
            }

            var other = DescribeOtherStructure(encoded);
            if (other is not null)
            {
                if (result.CertificateCount == 0)
                {
                    result.Format = ContainerFormat.Unknown;
                }

                result.Problem(FindingCodes.UnsupportedFormat, $"DER structure {index} is {other}, not a certificate", Severity.Info);
            }
            else
            {
                result.Problem(FindingCodes.CorruptCertificate, $"DER certificate {index}: {error}");
            }
        }
    }

    /// <summary>Names the signed structures that look like a certificate from outside: CRL and CSR.</summary>
    internal static string? DescribeOtherStructure(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var outer = new DerReader(encoded);
            var signed = outer.ReadSequence();
            var tbs = signed.ReadSequence();
            Span<Asn1Tag> tags = stackalloc Asn1Tag[4];
            var count = 0;
            while (count < tags.Length && tbs.HasData)
            {
                tbs.ReadEncoded(out tags[count], out _);
                count++;
            }

            for (var i = 0; i < count; i++)
            {
                if (tags[i] == Asn1Tag.UtcTime || tags[i] == Asn1Tag.GeneralizedTime)
                {
                    // TBSCertList: [version] signature issuer thisUpdate ...
                    return i >= 2 ? "a certificate revocation list (CRL)" : null;
                }
            }

            // CertificationRequestInfo: version, subject, subjectPKInfo, [0] attributes.
            if (count == 4 && tags[0] == Asn1Tag.Integer && tags[1] == Asn1Tag.Sequence && tags[2] == Asn1Tag.Sequence
                && tags[3].TagClass == TagClass.ContextSpecific && tags[3].TagValue == 0)
            {
                return "a certificate signing request (PKCS#10)";
            }

            return null;
        }
        catch (AsnContentException)
        {
            // Not even the outline of a signed structure: the certificate parser's reason stands.
            return null;
        }
    }
}
