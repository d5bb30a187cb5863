using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Certwright.Validation.Internal;

/// <summary>Extracts certificate DER from PEM text (CERTIFICATE and OpenSSL's TRUSTED CERTIFICATE blocks).</summary>
internal static class PemReader
{
    public static List<byte[]> ReadCertificates(string text, List<string> problems)
    {
        var certificates = new List<byte[]>();
        var remaining = text.AsMemory();
        var index = 0;
        while (PemEncoding.TryFind(remaining.Span, out var fields))
        {
            var label = remaining.Span[fields.Label];
            var base64 = remaining.Span[fields.Base64Data];
            remaining = remaining[fields.Location.End..];
            index++;
            if (label is not "CERTIFICATE" and not "TRUSTED CERTIFICATE" and not "X509 CERTIFICATE")
            {
                continue;
            }

            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(base64, der, out var written))
            {
                problems.Add($"PEM block {index} is not valid base64");
                continue;
            }

            if (label is "TRUSTED CERTIFICATE")
            {
                // The certificate is followed by OpenSSL's trust settings, which we do not apply.
                try
                {
                    AsnDecoder.ReadEncodedValue(der.AsSpan(0, written), AsnEncodingRules.BER, out _, out _, out var consumed);
                    written = consumed;
                }
                catch (AsnContentException e)
                {
                    problems.Add($"PEM block {index} is not a certificate ({e.Message})");
                    continue;
                }
            }

            certificates.Add(der.AsSpan(0, written).ToArray());
        }

        return certificates;
    }
}
