using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Certwright.Certificates;

/// <summary>
/// Builds the inventory's <see cref="CertificateRecord"/> from one DER (or BER) encoded X.509 certificate:
/// <see cref="CertificateDecoder"/> reads the outline on spans, then the names are formatted, the key
/// described and the extensions decoded with the shared decoders. It does not use X509Certificate2,
/// which goes through OpenSSL and costs about ten times as much, and it does not check the signature.
/// </summary>
/// <remarks>
/// Strictness: the whole input must be one Certificate (no trailing bytes); the TBS fields must be
/// in RFC 5280 order; the extensions Certwright reads must decode, and none may repeat.
/// Leniency: BER encodings (BOOLEAN TRUE as 0x01, long-form lengths, UTCTime without seconds,
/// unsorted SET OF), negative and zero serial numbers, v1/v2 certificates carrying extensions,
/// and PrintableString values with characters outside its alphabet are all accepted, as openssl does.
/// The path validator reads the same certificate with the same decoders and reports these oddities as findings.
/// </remarks>
internal static class CertificateParser
{
    /// <summary>Parses one certificate. The record keeps <paramref name="der"/>: do not reuse its memory.</summary>
    /// <exception cref="CertificateFormatException">The bytes are not a certificate; the message says why.</exception>
    public static CertificateRecord Parse(ReadOnlyMemory<byte> der)
    {
        var section = "certificate";
        OidInfo? extension = null;
        try
        {
            return ParseCore(der, ref section, ref extension);
        }
        catch (AsnContentException e)
        {
            var where = section == "extensions" && extension is not null ? $"{extension.Display} extension" : section;
            throw new CertificateFormatException($"not a valid X.509 certificate: {where}: {e.Message}", e);
        }
    }

    [SkipLocalsInit]
    private static CertificateRecord ParseCore(ReadOnlyMemory<byte> der, ref string section, ref OidInfo? extension)
    {
        var structure = CertificateDecoder.Decode(der, AsnEncodingRules.BER, ref section);
        var span = der.Span;

        section = "serialNumber";
        var serial = FormatSerial(structure.SerialNumber.Of(span));
        section = "issuer";
        var issuerDer = structure.Issuer.Of(span);
        var issuer = DistinguishedNameFormatter.Format(issuerDer, out _);
        section = "subject";
        var subjectDer = structure.Subject.Of(span);
        var subject = DistinguishedNameFormatter.Format(subjectDer, out var commonName);
        section = "subjectPublicKeyInfo";
        var spkiReader = new DerReader(structure.SubjectPublicKeyInfo.Of(span));
        var spki = spkiReader.ReadSequence();
        var publicKey = PublicKeyReader.Read(ref spki);

        var extensions = new ParsedExtensions();
        if (structure.HasExtensions)
        {
            section = "extensions";
            var list = structure.EnumerateExtensions(span);
            ExtensionReader.Read(ref list, extensions, ref extension);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(span, hash);
        var sha256 = Convert.ToHexStringLower(hash);
        SHA1.HashData(span, hash);
        var sha1 = Convert.ToHexStringLower(hash[..SHA1.HashSizeInBytes]);
        var signatureOid = structure.SignatureAlgorithmOid;

        return new CertificateRecord
        {
            Der = der,
            Sha256 = sha256,
            Sha1 = sha1,
            Version = structure.Version,
            SerialNumber = serial,
            Subject = subject,
            Issuer = issuer,
            CommonName = commonName,
            NotBefore = structure.NotBefore,
            NotAfter = structure.NotAfter,
            SubjectAlternativeNames = extensions.SubjectAlternativeNames ?? (IReadOnlyList<SubjectAlternativeName>)[],
            PublicKey = publicKey,
            SignatureAlgorithm = signatureOid.Display,
            SignatureAlgorithmOid = signatureOid.Dotted,
            KeyUsage = extensions.KeyUsage,
            ExtendedKeyUsages = extensions.ExtendedKeyUsages ?? (IReadOnlyList<string>)[],
            BasicConstraints = extensions.BasicConstraints,
            AuthorityKeyId = extensions.AuthorityKeyId,
            SubjectKeyId = extensions.SubjectKeyId,
            OcspUrls = extensions.OcspUrls ?? (IReadOnlyList<string>)[],
            CaIssuerUrls = extensions.CaIssuerUrls ?? (IReadOnlyList<string>)[],
            CrlDistributionPoints = extensions.CrlDistributionPoints ?? (IReadOnlyList<string>)[],
            SctCount = extensions.SctCount,
            IsSelfSigned = subjectDer.SequenceEqual(issuerDer)
                && (extensions.AuthorityKeyId is null || extensions.AuthorityKeyId == extensions.SubjectKeyId),
            Extensions = extensions.All.Count == 0 ? [] : extensions.All,
        };
    }

    /// <summary>
    /// Uppercase hex as <c>openssl x509 -serial</c> prints it: the magnitude without the sign byte,
    /// "00" for zero, and a leading '-' for the (invalid but real) negative serials.
    /// </summary>
    internal static string FormatSerial(ReadOnlySpan<byte> serial)
    {
        if ((serial[0] & 0x80) == 0)
        {
            var start = 0;
            while (start < serial.Length - 1 && serial[start] == 0)
            {
                start++;
            }

            return Convert.ToHexString(serial[start..]);
        }

        // Two's complement negative: the magnitude is (~value + 1).
        var magnitude = serial.ToArray();
        var carry = 1;
        for (var i = magnitude.Length - 1; i >= 0; i--)
        {
            var sum = (byte)~magnitude[i] + carry;
            magnitude[i] = (byte)sum;
            carry = sum >> 8;
        }

        var first = 0;
        while (first < magnitude.Length - 1 && magnitude[first] == 0)
        {
            first++;
        }

        return "-" + Convert.ToHexString(magnitude.AsSpan(first));
    }
}
