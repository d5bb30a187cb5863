using System.Text.Encodings.Web;
using System.Text.Json;

namespace Certwright.Cli.Output;

/// <summary>
/// Writes the one JSON document a <c>--json</c> command prints. Documents are written field by field with
/// Utf8JsonWriter: the schema is a contract scripts rely on, so every field is deliberate, and it streams
/// (a million-row list never sits in memory) without reflection (Native AOT).
/// </summary>
internal static class JsonOutput
{
    /// <summary>Bumped only on a breaking change to any --json document.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Certificate names may hold any Unicode; keep it readable but still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Utf8JsonWriter CreateWriter(Stream stream) => new(stream, Options);

    /// <summary>Starts the document object with <c>schemaVersion</c> and <c>kind</c>.</summary>
    public static void StartDocument(Utf8JsonWriter writer, string kind)
    {
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", SchemaVersion);
        writer.WriteString("kind", kind);
    }

    /// <summary>ISO 8601 UTC with a Z suffix and whole seconds, as the CLI contract says.</summary>
    public static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset value) =>
        writer.WriteString(name, FormatTime(value));

    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static void WriteStringArray(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>A string property, or an explicit null: optional fields are always present in our documents.</summary>
    public static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>A time property (see <see cref="WriteTime"/>), or an explicit null.</summary>
    public static void WriteOptionalTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            WriteTime(writer, name, time);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
