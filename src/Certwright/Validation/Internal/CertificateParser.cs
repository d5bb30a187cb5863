using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Decodes a DER certificate into a <see cref="ParsedCertificate"/> with System.Formats.Asn1 (strict DER
/// for the structure, lenient for string contents). Throws <see cref="CertificateFormatException"/> when
/// the bytes are not a certificate at all; profile violations become <see cref="CertificateDefect"/>s.
/// </summary>
internal static class CertificateParser
{
    /// <summary>Certificates larger than this are refused (ML-DSA-87 chains stay well below).</summary>
    public const int MaxCertificateSize = 128 * 1024;

    public static ParsedCertificate Parse(byte[] der)
    {
        if (der.Length > MaxCertificateSize)
        {
            throw new CertificateFormatException($"the certificate is {der.Length} bytes; at most {MaxCertificateSize} are accepted");
        }

        try
        {
            return ParseCore(der);
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException or FormatException or OverflowException or CryptographicException)
        {
            throw new CertificateFormatException($"not a DER X.509 certificate: {e.Message}", e);
        }
    }

    private static ParsedCertificate ParseCore(byte[] der)
    {
        var defects = new List<CertificateDefect>();
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var tbsEncoded = certificate.ReadEncodedValue();
        var outerAlgorithm = ReadAlgorithm(certificate);
        var signature = certificate.ReadBitString(out var unusedBits);
        certificate.ThrowIfNotEmpty();
        if (unusedBits != 0)
        {
            throw new CertificateFormatException("the signature BIT STRING has unused bits");
        }

        var tbs = new AsnReader(tbsEncoded, AsnEncodingRules.DER).ReadSequence();
        var version = 1;
        var versionTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        if (tbs.PeekTag().HasSameClassAndValue(versionTag))
        {
            var explicitVersion = tbs.ReadSequence(versionTag);
            var value = explicitVersion.TryReadInt32(out var small) ? small : -1;
            explicitVersion.ThrowIfNotEmpty();
            version = value switch
            {
                0 => 1,
                1 => 2,
                2 => 3,
                _ => throw new CertificateFormatException($"unknown certificate version {value}"),
            };
        }

        var serialBytes = tbs.ReadIntegerBytes().Span;
        var serial = new BigInteger(serialBytes, isUnsigned: false, isBigEndian: true);
        AddSerialDefects(serial, serialBytes.Length, defects);

        var innerAlgorithm = ReadAlgorithm(tbs);
        var issuer = NameParser.Read(tbs);
        var validity = tbs.ReadSequence();
        var notBefore = ReadTime(validity);
        var notAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        var subject = NameParser.Read(tbs);
        var spki = tbs.ReadEncodedValue().ToArray();
        var publicKey = PublicKeyParser.Describe(spki);

        foreach (var uniqueIdTag in new[] { 1, 2 })
        {
            var tag = new Asn1Tag(TagClass.ContextSpecific, uniqueIdTag);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(tag))
            {
                if (version < 2)
                {
                    throw new CertificateFormatException("a v1 certificate carries a unique identifier");
                }

                tbs.ReadEncodedValue();
            }
        }

        var extensions = new List<CertificateExtension>();
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            if (version != 3)
            {
                throw new CertificateFormatException($"a v{version} certificate carries extensions");
            }

            var wrapper = tbs.ReadSequence(extensionsTag);
            var list = wrapper.ReadSequence();
            wrapper.ThrowIfNotEmpty();
            while (list.HasData)
            {
                var extension = list.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
                var value = extension.ReadOctetString();
                extension.ThrowIfNotEmpty();
                extensions.Add(new CertificateExtension(oid, critical, value));
            }

            if (extensions.Count == 0)
            {
                defects.Add(new(FindingCodes.NonconformingCertificate, "the extensions field is an empty SEQUENCE (RFC 5280 4.1)"));
            }
        }

        tbs.ThrowIfNotEmpty();

        var parsed = new ExtensionParser(defects);
        parsed.Parse(extensions);

        return new ParsedCertificate
        {
            Der = der,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(der)),
            Tbs = tbsEncoded,
            Version = version,
            Serial = serial,
            SerialLength = serialBytes.Length,
            SignatureAlgorithm = outerAlgorithm,
            SignatureAlgorithmsMatch = outerAlgorithm.Encoded.AsSpan().SequenceEqual(innerAlgorithm.Encoded),
            Signature = signature,
            Issuer = issuer,
            Subject = subject,
            NotBefore = notBefore,
            NotAfter = notAfter,
            Spki = spki,
            SpkiSha256 = Convert.ToHexStringLower(SHA256.HashData(spki)),
            PublicKey = publicKey,
            Extensions = extensions,
            BasicConstraints = parsed.BasicConstraints,
            KeyUsage = parsed.KeyUsage,
            KeyUsageCritical = parsed.KeyUsageCritical,
            ExtendedKeyUsage = parsed.ExtendedKeyUsage,
            ExtendedKeyUsageCritical = parsed.ExtendedKeyUsageCritical,
            SubjectAltNames = parsed.SubjectAltNames,
            SubjectAltNamesCritical = parsed.SubjectAltNamesCritical,
            NameConstraints = parsed.NameConstraints,
            SubjectKeyId = parsed.SubjectKeyId,
            AuthorityKeyId = parsed.AuthorityKeyId,
            Policies = parsed.Policies,
            PolicyMappings = parsed.PolicyMappings,
            PolicyConstraints = parsed.PolicyConstraints,
            InhibitAnyPolicy = parsed.InhibitAnyPolicy,
            UnknownCriticalExtensions = parsed.UnknownCritical,
            Defects = defects,
        };
    }

    private static void AddSerialDefects(BigInteger serial, int length, List<CertificateDefect> defects)
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

    public static AlgorithmIdentifier ReadAlgorithm(AsnReader reader)
    {
        var encoded = reader.ReadEncodedValue().ToArray();
        var sequence = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
        var oid = sequence.ReadObjectIdentifier();
        byte[]? parameters = sequence.HasData ? sequence.ReadEncodedValue().ToArray() : null;
        sequence.ThrowIfNotEmpty();
        return new AlgorithmIdentifier(oid, parameters, encoded);
    }

    /// <summary>Reads a Time: UTCTime YYMMDDHHMMSSZ (years 1950-2049) or GeneralizedTime YYYYMMDDHHMMSSZ.</summary>
    private static DateTimeOffset ReadTime(AsnReader reader)
    {
        var tag = reader.PeekTag();
        string text;
        string format;
        if (tag.HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            text = ReadAsciiContent(reader, Asn1Tag.UtcTime);
            format = "yyMMddHHmmss'Z'";
            if (text.Length != 13)
            {
                throw new CertificateFormatException($"UTCTime '{text}' is not YYMMDDHHMMSSZ (RFC 5280 4.1.2.5.1)");
            }

            // RFC 5280: YY >= 50 means 19YY, YY < 50 means 20YY.
            var year = int.Parse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            text = (year >= 50 ? "19" : "20") + text;
            format = "yyyyMMddHHmmss'Z'";
        }
        else if (tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime))
        {
            text = ReadAsciiContent(reader, Asn1Tag.GeneralizedTime);
            format = "yyyyMMddHHmmss'Z'";
            if (text.Length != 15)
            {
                throw new CertificateFormatException($"GeneralizedTime '{text}' is not YYYYMMDDHHMMSSZ (RFC 5280 4.1.2.5.2)");
            }
        }
        else
        {
            throw new CertificateFormatException($"unexpected tag {tag} in validity");
        }

        if (!DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new CertificateFormatException($"'{text}' is not a valid time");
        }

        return value;
    }

    private static string ReadAsciiContent(AsnReader reader, Asn1Tag tag)
    {
        // Read the raw content: AsnReader's time readers accept forms RFC 5280 forbids (fractions, offsets).
        var encoded = reader.ReadEncodedValue();
        AsnDecoder.ReadEncodedValue(encoded.Span, AsnEncodingRules.DER, out var offset, out var length, out _);
        var content = encoded.Span.Slice(offset, length);
        foreach (var b in content)
        {
            if (b is not (>= (byte)'0' and <= (byte)'9') and not (byte)'Z')
            {
                throw new CertificateFormatException($"{tag} contains characters other than digits and Z");
            }
        }

        return System.Text.Encoding.ASCII.GetString(content);
    }
}
