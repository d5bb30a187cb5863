using System.Text.Json;
using Certwright.Certificates;

namespace Certwright.Cli.Output;

/// <summary>The JSON form of a parsed certificate (in <c>scan --json</c>, <c>verify --json</c> and <c>show --json</c>).</summary>
internal static class CertificateJson
{
    public static void Write(Utf8JsonWriter writer, CertificateRecord certificate)
    {
        writer.WriteStartObject();
        WriteIdentity(writer, certificate);
        writer.WriteString("key", certificate.PublicKey.ToString());
        writer.WriteString("keyAlgorithm", certificate.PublicKey.Algorithm.ToString().ToLowerInvariant());
        writer.WriteNumber("keyBits", certificate.PublicKey.SizeBits);
        writer.WriteString("signatureAlgorithm", certificate.SignatureAlgorithm);
        writer.WriteBoolean("isCa", certificate.IsCertificateAuthority);
        writer.WriteBoolean("selfSigned", certificate.IsSelfSigned);
        writer.WriteEndObject();
    }

    /// <summary>The full detail <c>show --json</c> prints.</summary>
    public static void WriteDetail(Utf8JsonWriter writer, CertificateRecord certificate)
    {
        writer.WriteNumber("version", certificate.Version);
        WriteIdentity(writer, certificate);
        writer.WriteStartObject("publicKey");
        writer.WriteString("algorithm", certificate.PublicKey.Algorithm.ToString().ToLowerInvariant());
        writer.WriteNumber("bits", certificate.PublicKey.SizeBits);
        JsonOutput.WriteOptional(writer, "parameters", certificate.PublicKey.Parameters);

        writer.WriteString("oid", certificate.PublicKey.AlgorithmOid);
        writer.WriteEndObject();
        writer.WriteString("signatureAlgorithm", certificate.SignatureAlgorithm);
        writer.WriteString("signatureAlgorithmOid", certificate.SignatureAlgorithmOid);
        // Absent extensions are null, as every optional field of the JSON contract (docs/cli.md).
        if (certificate.KeyUsage is { } usage)
        {
            JsonOutput.WriteStringArray(writer, "keyUsage", KeyUsageNames(usage));
        }
        else
        {
            writer.WriteNull("keyUsage");
        }

        JsonOutput.WriteStringArray(writer, "extendedKeyUsage", certificate.ExtendedKeyUsages.Select(OidNames.ExtendedKeyUsage));
        if (certificate.BasicConstraints is { } constraints)
        {
            writer.WriteStartObject("basicConstraints");
            writer.WriteBoolean("ca", constraints.IsCertificateAuthority);
            if (constraints.PathLengthConstraint is { } pathLength)
            {
                writer.WriteNumber("pathLength", pathLength);
            }
            else
            {
                writer.WriteNull("pathLength");
            }

            writer.WriteBoolean("critical", constraints.IsCritical);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("basicConstraints");
        }

        JsonOutput.WriteOptional(writer, "authorityKeyId", certificate.AuthorityKeyId);
        JsonOutput.WriteOptional(writer, "subjectKeyId", certificate.SubjectKeyId);
        JsonOutput.WriteStringArray(writer, "ocspUrls", certificate.OcspUrls);
        JsonOutput.WriteStringArray(writer, "caIssuerUrls", certificate.CaIssuerUrls);
        JsonOutput.WriteStringArray(writer, "crlDistributionPoints", certificate.CrlDistributionPoints);
        writer.WriteNumber("sctCount", certificate.SctCount);
        writer.WriteBoolean("selfSigned", certificate.IsSelfSigned);
        writer.WriteStartArray("extensions");
        foreach (var extension in certificate.Extensions)
        {
            writer.WriteStartObject();
            writer.WriteString("oid", extension.Oid);
            writer.WriteBoolean("critical", extension.IsCritical);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static IEnumerable<string> KeyUsageNames(KeyUsageBits usage)
    {
        foreach (var (bit, name) in KeyUsageTable)
        {
            if (usage.HasFlag(bit))
            {
                yield return name;
            }
        }
    }

    private static readonly (KeyUsageBits Bit, string Name)[] KeyUsageTable =
    [
        (KeyUsageBits.DigitalSignature, "digitalSignature"),
        (KeyUsageBits.NonRepudiation, "nonRepudiation"),
        (KeyUsageBits.KeyEncipherment, "keyEncipherment"),
        (KeyUsageBits.DataEncipherment, "dataEncipherment"),
        (KeyUsageBits.KeyAgreement, "keyAgreement"),
        (KeyUsageBits.KeyCertSign, "keyCertSign"),
        (KeyUsageBits.CrlSign, "cRLSign"),
        (KeyUsageBits.EncipherOnly, "encipherOnly"),
        (KeyUsageBits.DecipherOnly, "decipherOnly"),
    ];

    /// <summary>Fingerprints, names, serial, validity and subjectAltNames: the fields every certificate form starts with.</summary>
    private static void WriteIdentity(Utf8JsonWriter writer, CertificateRecord certificate)
    {
        writer.WriteString("sha256", certificate.Sha256);
        writer.WriteString("sha1", certificate.Sha1);
        writer.WriteString("serialNumber", certificate.SerialNumber);
        writer.WriteString("subject", certificate.Subject);
        writer.WriteString("issuer", certificate.Issuer);
        JsonOutput.WriteTime(writer, "notBefore", certificate.NotBefore);
        JsonOutput.WriteTime(writer, "notAfter", certificate.NotAfter);
        JsonOutput.WriteStringArray(writer, "subjectAlternativeNames", certificate.SubjectAlternativeNames.Select(n => n.ToString()));
    }
}
