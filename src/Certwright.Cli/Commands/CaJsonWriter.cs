using System.Text.Json;
using Certwright.Authority;
using Certwright.Cli.Output;

namespace Certwright.Cli.Commands;

/// <summary>The <c>--json</c> documents of <c>ca init</c> (kind "ca") and <c>ca list</c> (kind "ca-list").</summary>
internal static class CaJsonWriter
{
    public static void WriteCreated(Utf8JsonWriter writer, AuthorityRecord record)
    {
        JsonOutput.StartDocument(writer, "ca");
        writer.WritePropertyName("ca");
        WriteAuthority(writer, record);
        writer.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<AuthorityRecord> records)
    {
        JsonOutput.StartDocument(writer, "ca-list");
        writer.WriteStartArray("cas");
        foreach (var record in records)
        {
            WriteAuthority(writer, record);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAuthority(Utf8JsonWriter writer, AuthorityRecord record)
    {
        var view = CaView.Of(record);
        writer.WriteStartObject();
        writer.WriteString("name", record.Name);
        writer.WriteString("keyType", view.KeyType);
        writer.WriteString("keyStore", record.IssuingKey.Pkcs11 is null ? "file" : "pkcs11");
        writer.WriteString("keyId", record.IssuingKey.KeyId);
        JsonOutput.WriteOptional(writer, "pkcs11Token", record.IssuingKey.Pkcs11?.TokenLabel);
        writer.WriteString("issuingSubject", view.Subject);
        writer.WriteString("issuingSha256", view.IssuingSha256);
        writer.WriteString("rootSha256", view.RootSha256);
        JsonOutput.WriteTime(writer, "notAfter", view.NotAfter);
        JsonOutput.WriteOptional(writer, "publicUrl", record.PublicUrl?.AbsoluteUri);
        JsonOutput.WriteTime(writer, "created", record.Created);
        writer.WriteEndObject();
    }
}
