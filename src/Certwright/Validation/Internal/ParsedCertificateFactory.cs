using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Builds a <see cref="ParsedCertificate"/> with the shared decoders of <c>Certwright.Certificates</c>.
/// It reads with DER rules first; a certificate that only decodes as BER is read again leniently and
/// carries a <c>nonconforming-certificate</c> defect, so it is rejected but still shown in the path.
/// Bytes that are not a certificate even as BER throw <see cref="CertificateFormatException"/>.
/// Every other RFC 5280 profile violation becomes a <see cref="CertificateDefect"/>.
/// </summary>
internal static class ParsedCertificateFactory
{
    /// <summary>Certificates larger than this are refused (ML-DSA-87 chains stay well below).</summary>
    public const int MaxCertificateSize = 128 * 1024;

    /// <param name="der">The certificate; the model keeps it.</param>
    /// <param name="sha256">SHA-256 of <paramref name="der"/>, lowercase hex, when the caller has it.</param>
    /// <exception cref="CertificateFormatException">The bytes are not a certificate.</exception>
    public static ParsedCertificate Create(byte[] der, string? sha256 = null)
    {
        if (der.Length > MaxCertificateSize)
        {
            throw new CertificateFormatException($"the certificate is {der.Length} bytes; at most {MaxCertificateSize} are accepted");
        }

        sha256 ??= Convert.ToHexStringLower(SHA256.HashData(der));
        var section = "certificate";
        try
        {
            return Build(der, sha256, AsnEncodingRules.DER, [], ref section);
        }
        catch (Exception e) when (IsDecodingError(e))
        {
            var notDer = new CertificateDefect(FindingCodes.NonconformingCertificate, $"is not DER-encoded ({section}: {e.Message}); RFC 5280 4.1 requires DER");
            section = "certificate";
            try
            {
                return Build(der, sha256, AsnEncodingRules.BER, [notDer], ref section);
            }
            catch (Exception berError) when (IsDecodingError(berError))
            {
                throw new CertificateFormatException($"not a DER X.509 certificate: {section}: {berError.Message}", berError);
            }
        }
    }

    private static bool IsDecodingError(Exception e) =>
        e is AsnContentException or ArgumentException or FormatException or OverflowException or CryptographicException;

    private static ParsedCertificate Build(byte[] der, string sha256, AsnEncodingRules rules, List<CertificateDefect> defects, ref string section)
    {
        var structure = CertificateDecoder.Decode(der, rules, ref section);
        var span = der.AsSpan();

        section = "signatureAlgorithm";
        var algorithm = AlgorithmIdentifier.Decode(structure.SignatureAlgorithm.Of(span), rules);
        AlgorithmIdentifier.Decode(structure.TbsSignatureAlgorithm.Of(span), rules);
        section = "signatureValue";
        var signature = AsnDecoder.ReadBitString(structure.SignatureValue.Of(span), rules, out var unusedBits, out _);
        if (unusedBits != 0)
        {
            defects.Add(new(FindingCodes.NonconformingCertificate, "the signature BIT STRING has unused bits"));
        }

        var serialBytes = structure.SerialNumber.Of(span);
        var serial = new BigInteger(serialBytes, isUnsigned: false, isBigEndian: true);
        StructureRules.CheckSerial(serial, serialBytes.Length, defects);
        StructureRules.CheckVersion(structure, defects);
        StructureRules.CheckTime(structure.NotBeforeEncoded.Of(span), "notBefore", defects);
        StructureRules.CheckTime(structure.NotAfterEncoded.Of(span), "notAfter", defects);

        section = "issuer";
        var issuer = DistinguishedName.Decode(structure.Issuer.Of(span).ToArray(), rules);
        section = "subject";
        var subject = DistinguishedName.Decode(structure.Subject.Of(span).ToArray(), rules);
        section = "subjectPublicKeyInfo";
        var spki = structure.SubjectPublicKeyInfo.Of(der.AsMemory());
        var spkiReader = new DerReader(spki.Span, rules);
        var spkiContents = spkiReader.ReadSequence();
        var publicKey = PublicKeyReader.Read(ref spkiContents, out var keyUnusedBits);
        StructureRules.CheckPublicKey(spki, publicKey, keyUnusedBits, defects);

        var extensions = new ExtensionProfile(defects);
        if (structure.HasExtensions)
        {
            section = "extensions";
            var list = structure.EnumerateExtensions(span);
            extensions.Read(ref list);
        }

        return new ParsedCertificate
        {
            Der = der,
            Sha256 = sha256,
            Structure = structure,
            Issuer = issuer,
            Subject = subject,
            PublicKey = publicKey,
            SignatureAlgorithm = algorithm,
            Signature = signature,
            Extensions = extensions,
            Defects = defects,
        };
    }
}
