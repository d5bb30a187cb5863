using System.Security.Cryptography;
using System.Text.Json;
using Certwright.Keys;

namespace Certwright.Cli.Output;

/// <summary>The <c>key generate --json</c> (<c>kind: key</c>) and <c>key list --json</c> (<c>kind: key-list</c>) documents. Never key material.</summary>
internal static class KeyJsonWriter
{
    public static void WriteGenerated(Utf8JsonWriter writer, KeyInfo key, byte[] subjectPublicKeyInfo)
    {
        JsonOutput.StartDocument(writer, "key");
        WriteFields(writer, key);
        writer.WriteString("publicKeySha256", PublicKeySha256(subjectPublicKeyInfo));
        writer.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<KeyInfo> keys, DateTimeOffset generatedAt)
    {
        JsonOutput.StartDocument(writer, "key-list");
        JsonOutput.WriteTime(writer, "generatedAt", generatedAt);
        writer.WriteNumber("count", keys.Count);
        writer.WriteStartArray("keys");
        foreach (var key in keys)
        {
            writer.WriteStartObject();
            WriteFields(writer, key);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string StoreName(KeyStoreKind kind) => kind == KeyStoreKind.Pkcs11 ? "pkcs11" : "file";

    /// <summary>Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo: what pins and Subject Key Identifiers compare.</summary>
    public static string PublicKeySha256(byte[] subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    private static void WriteFields(Utf8JsonWriter writer, KeyInfo key)
    {
        writer.WriteString("id", key.Id);
        writer.WriteString("label", key.Label);
        writer.WriteString("type", KeyTypes.Format(key.Type));
        writer.WriteString("store", StoreName(key.Store));
        if (key.Created is { } created)
        {
            JsonOutput.WriteTime(writer, "created", created);
        }
        else
        {
            writer.WriteNull("created");
        }

        writer.WriteBoolean("extractable", key.Extractable);
    }
}
