using System.Formats.Asn1;
using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>
/// Reads the certificates of a PKCS#7 / CMS SignedData (RFC 5652), as .p7b/.p7c files and
/// <c>openssl crl2pkcs7</c> make: ContentInfo { signedData, [0] EXPLICIT SignedData { version,
/// digestAlgorithms, encapContentInfo, [0] IMPLICIT certificates, [1] crls, signerInfos } }.
/// BER (indefinite lengths) is accepted. Attribute and other certificate choices are skipped.
/// </summary>
internal static class Pkcs7Reader
{
    private static readonly Asn1Tag Explicit0Tag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>Adds the certificates; structural errors and broken certificates become problems.</summary>
    /// <param name="data">The ContentInfo encoding (and possibly trailing bytes, which are ignored).</param>
    /// <param name="result">Receives certificates and problems.</param>
    /// <param name="where">Prefix for problem messages (e.g. the PEM block), or null for a whole file.</param>
    public static void Read(ReadOnlySpan<byte> data, ContainerResultBuilder result, string? where)
    {
        var prefix = where is null ? "PKCS#7" : $"{where}: PKCS#7";
        DerReader certificates;
        try
        {
            var outer = new DerReader(data);
            var contentInfo = outer.ReadSequence();
            var contentType = contentInfo.ReadOid();
            if (contentType.Id != KnownOid.Pkcs7SignedData)
            {
                result.Problem(FindingCodes.UnsupportedFormat, $"{prefix} content type {contentType.Display} holds no certificates (only signedData does)");
                return;
            }

            var content = contentInfo.ReadExplicit(Explicit0Tag);
            var signedData = content.ReadSequence();
            signedData.ReadInt32();
            signedData.ReadSetOf();
            signedData.ReadSequence();
            if (!signedData.NextIs(Explicit0Tag))
            {
                return;
            }

            certificates = signedData.ReadSetOf(Explicit0Tag);
        }
        catch (AsnContentException e)
        {
            result.Problem(FindingCodes.CorruptCertificate, $"{prefix} structure is malformed: {e.Message}");
            return;
        }

        var index = 0;
        while (certificates.HasData)
        {
            index++;
            ReadOnlySpan<byte> encoded;
            Asn1Tag tag;
            try
            {
                encoded = certificates.ReadEncoded(out tag, out _);
            }
            catch (AsnContentException e)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{prefix} certificate {index} is malformed: {e.Message}");
                return;
            }

            if (tag != Asn1Tag.Sequence)
            {
                continue;
            }

            // The record keeps its DER: copy it out of the caller's buffer.
            if (!result.TryAdd(encoded.ToArray(), out var error))
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{prefix} certificate {index}: {error}");
            }
        }
    }
}
