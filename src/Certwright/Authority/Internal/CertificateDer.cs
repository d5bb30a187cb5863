using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Certwright.Authority;

/// <summary>DER building blocks for certificates written with <see cref="AsnWriter"/> (RFC 5280 §4.1).</summary>
internal static class CertificateDer
{
    public const string BasicConstraintsOid = "2.5.29.19";
    public const string KeyUsageOid = "2.5.29.15";
    public const string ExtendedKeyUsageOid = "2.5.29.37";
    public const string SubjectAltNameOid = "2.5.29.17";
    public const string SubjectKeyIdentifierOid = "2.5.29.14";
    public const string AuthorityKeyIdentifierOid = "2.5.29.35";
    public const string AuthorityInfoAccessOid = "1.3.6.1.5.5.7.1.1";
    public const string CrlDistributionPointsOid = "2.5.29.31";
    public const string NameConstraintsOid = "2.5.29.30";
    private const string OcspOid = "1.3.6.1.5.5.7.48.1";
    private const string CaIssuersOid = "1.3.6.1.5.5.7.48.2";

    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>A whole Extension (SEQUENCE { extnID, critical, extnValue }) from the DER of its value.</summary>
    public static byte[] Extension(string oid, bool critical, ReadOnlySpan<byte> value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        WriteExtension(writer, oid, critical, value);
        return writer.Encode();
    }

    public static void WriteExtension(AsnWriter writer, string oid, bool critical, ReadOnlySpan<byte> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (critical)
            {
                writer.WriteBoolean(true);
            }

            writer.WriteOctetString(value);
        }
    }

    /// <summary>The 20-byte key identifier of RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits.</summary>
    public static byte[] KeyIdentifier(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        AsnDecoder.ReadSequence(subjectPublicKeyInfo, AsnEncodingRules.DER, out var offset, out var length, out _);
        var contents = subjectPublicKeyInfo.Slice(offset, length);
        AsnDecoder.ReadEncodedValue(contents, AsnEncodingRules.DER, out _, out _, out var algorithmLength);
        Span<byte> bits = contents.Length <= 4096 ? stackalloc byte[contents.Length] : new byte[contents.Length];
        if (!AsnDecoder.TryReadBitString(contents[algorithmLength..], bits, AsnEncodingRules.DER, out _, out _, out var written))
        {
            throw new AsnContentException("the subjectPublicKey BIT STRING does not fit");
        }

        return SHA1.HashData(bits[..written]);
    }

    public static byte[] SubjectKeyIdentifier(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(KeyIdentifier(subjectPublicKeyInfo));
        return Extension(SubjectKeyIdentifierOid, critical: false, writer.Encode());
    }

    public static byte[] AuthorityKeyIdentifier(ReadOnlySpan<byte> keyIdentifier)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(keyIdentifier, new Asn1Tag(TagClass.ContextSpecific, 0));
        }

        return Extension(AuthorityKeyIdentifierOid, critical: false, writer.Encode());
    }

    /// <summary>AIA with the OCSP responder and the caIssuers URL (RFC 5280 §4.2.2.1).</summary>
    public static byte[] AuthorityInfoAccess(Uri ocsp, Uri caIssuers)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var (method, location) in new[] { (OcspOid, ocsp), (CaIssuersOid, caIssuers) })
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(method);
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, location.AbsoluteUri, UriTag);
                }
            }
        }

        return Extension(AuthorityInfoAccessOid, critical: false, writer.Encode());
    }

    /// <summary>One DistributionPoint with a fullName URI (RFC 5280 §4.2.1.13).</summary>
    public static byte[] CrlDistributionPoints(Uri crl)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            writer.WriteCharacterString(UniversalTagNumber.IA5String, crl.AbsoluteUri, UriTag);
        }

        return Extension(CrlDistributionPointsOid, critical: false, writer.Encode());
    }

    /// <summary>BasicConstraints cA FALSE, critical: the empty SEQUENCE (DER omits the default).</summary>
    public static byte[] EndEntityBasicConstraints { get; } = Extension(BasicConstraintsOid, critical: true, [0x30, 0x00]);

    /// <summary>KeyUsage digitalSignature (bit 0), critical.</summary>
    public static byte[] DigitalSignatureKeyUsage { get; } = Extension(KeyUsageOid, critical: true, [0x03, 0x02, 0x07, 0x80]);

    /// <summary>KeyUsage digitalSignature|keyEncipherment (bits 0 and 2), critical: RSA keys in TLS 1.2 RSA key exchange.</summary>
    public static byte[] RsaKeyUsage { get; } = Extension(KeyUsageOid, critical: true, [0x03, 0x02, 0x05, 0xA0]);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> ExtendedKeyUsages = new(StringComparer.Ordinal);

    /// <summary>The EKU extension for <paramref name="oids"/>; profiles have a handful of EKU sets, so each is encoded once.</summary>
    public static byte[] ExtendedKeyUsage(IReadOnlyList<string> oids) =>
        ExtendedKeyUsages.GetOrAdd(string.Join(' ', oids), static (_, list) => EncodeExtendedKeyUsage(list), oids);

    private static byte[] EncodeExtendedKeyUsage(IReadOnlyList<string> oids)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var oid in oids)
            {
                writer.WriteObjectIdentifier(oid);
            }
        }

        return Extension(ExtendedKeyUsageOid, critical: false, writer.Encode());
    }

    /// <summary>The SAN extension; critical when the subject is empty (RFC 5280 §4.2.1.6).</summary>
    public static void WriteSubjectAltNames(AsnWriter writer, IReadOnlyList<SubjectAltName> names, bool critical)
    {
        var value = new AsnWriter(AsnEncodingRules.DER);
        using (value.PushSequence())
        {
            foreach (var name in names)
            {
                switch (name.Type)
                {
                    case SubjectAltNameType.Email:
                        value.WriteCharacterString(UniversalTagNumber.IA5String, name.Value, new Asn1Tag(TagClass.ContextSpecific, 1));
                        break;
                    case SubjectAltNameType.Dns:
                        value.WriteCharacterString(UniversalTagNumber.IA5String, name.Value, new Asn1Tag(TagClass.ContextSpecific, 2));
                        break;
                    case SubjectAltNameType.Uri:
                        value.WriteCharacterString(UniversalTagNumber.IA5String, name.Value, UriTag);
                        break;
                    default:
                        value.WriteOctetString(System.Net.IPAddress.Parse(name.Value).GetAddressBytes(), new Asn1Tag(TagClass.ContextSpecific, 7));
                        break;
                }
            }
        }

        WriteExtension(writer, SubjectAltNameOid, critical, value.Encode());
    }

    /// <summary>RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds.</summary>
    public static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        var utc = new DateTimeOffset(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (utc.Year < 2050)
        {
            writer.WriteUtcTime(utc);
        }
        else
        {
            writer.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }

    /// <summary>Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }.</summary>
    public static byte[] Certificate(ReadOnlySpan<byte> tbs, ReadOnlySpan<byte> signatureAlgorithm, ReadOnlySpan<byte> signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbs.Length + signatureAlgorithm.Length + signature.Length + 16);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(tbs);
            writer.WriteEncodedValue(signatureAlgorithm);
            writer.WriteBitString(signature);
        }

        return writer.Encode();
    }
}
