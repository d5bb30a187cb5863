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
        if (!TryOpen(data, out var certificates, out var problem))
        {
            result.Problem(problem.Code, $"{prefix} {problem.Message}");
            return;
        }

        var index = 0;
        while (TryReadCertificate(ref certificates, ref index, out var encoded, out var error))
        {
            if (error is not null)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{prefix} {error}");
                return;
            }

            // The record keeps its DER: copy it out of the caller's buffer.
            if (!result.TryAdd(encoded.ToArray(), out var parseError))
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{prefix} certificate {index}: {parseError}");
            }
        }
    }

    /// <summary>Opens the SignedData and returns a reader over its certificates (empty when it has none).</summary>
    /// <param name="data">The ContentInfo encoding.</param>
    /// <param name="certificates">The certificates SET contents.</param>
    /// <param name="problem">Why there are no certificates to read: finding code and message (without the prefix).</param>
    public static bool TryOpen(ReadOnlySpan<byte> data, out DerReader certificates, out (string Code, string Message) problem)
    {
        certificates = default;
        problem = default;
        try
        {
            var outer = new DerReader(data);
            var contentInfo = outer.ReadSequence();
            var contentType = contentInfo.ReadOid();
            if (contentType.Id != KnownOid.Pkcs7SignedData)
            {
                problem = (FindingCodes.UnsupportedFormat, $"content type {contentType.Display} holds no certificates (only signedData does)");
                return false;
            }

            var content = contentInfo.ReadExplicit(Explicit0Tag);
            var signedData = content.ReadSequence();
            signedData.ReadInt32();
            signedData.ReadSetOf();
            signedData.ReadSequence();
            if (signedData.NextIs(Explicit0Tag))
            {
                certificates = signedData.ReadSetOf(Explicit0Tag);
            }

            return true;
        }
        catch (AsnContentException e)
        {
            problem = (FindingCodes.CorruptCertificate, $"structure is malformed: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// The next certificate's encoding; other certificate choices (attribute certificates) are skipped.
    /// False at the end; <paramref name="error"/> is set (and reading must stop) when the SET is malformed.
    /// </summary>
    public static bool TryReadCertificate(ref DerReader certificates, ref int index, out ReadOnlySpan<byte> encoded, out string? error)
    {
        error = null;
        while (certificates.HasData)
        {
            index++;
            Asn1Tag tag;
            try
            {
                encoded = certificates.ReadEncoded(out tag, out _);
            }
            catch (AsnContentException e)
            {
                encoded = default;
                error = $"certificate {index} is malformed: {e.Message}";
                return true;
            }

            if (tag == Asn1Tag.Sequence)
            {
                return true;
            }
        }

        encoded = default;
        return false;
    }
}
