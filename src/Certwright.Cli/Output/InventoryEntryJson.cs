using System.Text.Json;
using Certwright.Inventory;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>The JSON form of one inventory entry (in <c>list --json</c> and <c>show --json</c>).</summary>
internal static class InventoryEntryJson
{
    public static void Write(Utf8JsonWriter writer, InventoryEntry entry, DateTimeOffset now, TimeSpan expiringWithin)
    {
        writer.WriteString("sha256", entry.Sha256);
        writer.WriteString("sha1", entry.Sha1);
        writer.WriteString("serialNumber", entry.SerialNumber);
        writer.WriteString("subject", entry.Subject);
        if (entry.CommonName is null)
        {
            writer.WriteNull("commonName");
        }
        else
        {
            writer.WriteString("commonName", entry.CommonName);
        }

        writer.WriteString("issuer", entry.Issuer);
        JsonOutput.WriteTime(writer, "notBefore", entry.NotBefore);
        JsonOutput.WriteTime(writer, "notAfter", entry.NotAfter);
        writer.WriteNumber("daysLeft", ExpiryPolicy.DaysLeft(entry.NotAfter, now));
        writer.WriteString("status", CertificateStatus.Of(entry.NotBefore, entry.NotAfter, now, expiringWithin));
        writer.WriteString("key", entry.KeyDescription);
        writer.WriteNumber("keyBits", entry.KeyBits);
        writer.WriteString("signatureAlgorithm", entry.SignatureAlgorithm);
        writer.WriteString("subjectAlternativeNames", entry.SubjectAlternativeNames);
        writer.WriteBoolean("isCa", entry.IsCertificateAuthority);
        writer.WriteBoolean("selfSigned", entry.IsSelfSigned);
        writer.WriteNumber("sightings", entry.SightingCount);
        writer.WriteString("firstLocation", entry.FirstLocation);
        JsonOutput.WriteTime(writer, "firstSeen", entry.FirstSeen);
    }
}
