using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Bench.CertGen;

/// <summary>Small DER helpers: certificates are encoded by hand so that per-certificate work is one TBS and one signature.</summary>
internal static class Der
{
    public const string OidSubjectAltName = "2.5.29.17";

    /// <summary>AlgorithmIdentifier for ecdsa-with-SHA256 (no parameters, RFC 5758).</summary>
    public static readonly byte[] EcdsaWithSha256 = AlgorithmIdentifier("1.2.840.10045.4.3.2", withNullParameters: false);

    /// <summary>AlgorithmIdentifier for sha256WithRSAEncryption (NULL parameters, RFC 4055).</summary>
    public static readonly byte[] Sha256WithRsa = AlgorithmIdentifier("1.2.840.113549.1.1.11", withNullParameters: true);

    public static byte[] AlgorithmIdentifier(string oid, bool withNullParameters)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.PushSequence();
        writer.WriteObjectIdentifier(oid);
        if (withNullParameters)
        {
            writer.WriteNull();
        }

        writer.PopSequence();
        return writer.Encode();
    }

    /// <summary>The full Extension SEQUENCE for a platform-built extension, ready to splice into a TBS.</summary>
    public static byte[] Extension(X509Extension extension)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.PushSequence();
        writer.WriteObjectIdentifier(extension.Oid!.Value!);
        if (extension.Critical)
        {
            writer.WriteBoolean(true);
        }

        writer.WriteOctetString(extension.RawData);
        writer.PopSequence();
        return writer.Encode();
    }

    public static void WriteRdn(AsnWriter writer, string oid, string value, UniversalTagNumber stringType)
    {
        writer.PushSetOf();
        writer.PushSequence();
        writer.WriteObjectIdentifier(oid);
        writer.WriteCharacterString(stringType, value);
        writer.PopSequence();
        writer.PopSetOf();
    }

    /// <summary>RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.</summary>
    public static void WriteTime(AsnWriter writer, DateTimeOffset value)
    {
        if (value.UtcDateTime.Year < 2050)
        {
            writer.WriteUtcTime(value);
        }
        else
        {
            writer.WriteGeneralizedTime(value, omitFractionalSeconds: true);
        }
    }
}
