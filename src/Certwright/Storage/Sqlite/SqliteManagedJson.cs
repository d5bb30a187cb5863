using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Certwright.Renewal;

namespace Certwright.Storage.Sqlite;

/// <summary>The JSON columns of <c>managed_certificates</c>: written with Utf8JsonWriter, read with JsonDocument (no reflection, AOT-safe).</summary>
internal static class SqliteManagedJson
{
    public static string Strings(IEnumerable<string> values) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    });

    public static IReadOnlyList<string> ReadStrings(string json, string column)
    {
        using var document = Parse(json, column);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "")];
    }

    public static string Source(CertificateSourceSpec source) => Write(writer =>
    {
        writer.WriteStartObject();
        switch (source)
        {
            case PrivateCaSourceSpec ca:
                writer.WriteString("ca", ca.Authority);
                writer.WriteString("profile", ca.Profile);
                break;
            case AcmeSourceSpec acme:
                writer.WriteString("directory", acme.DirectoryUrl.ToString());
                WriteOptional(writer, "caFile", acme.CaFile);
                WriteOptional(writer, "email", acme.Email);
                writer.WriteString("challenge", acme.Challenge);
                writer.WriteNumber("httpPort", acme.HttpPort);
                WriteOptional(writer, "dnsHook", acme.DnsHook);
                WriteOptional(writer, "webroot", acme.Webroot);
                writer.WriteNumber("tlsPort", acme.TlsPort);
                WriteOptional(writer, "eabKeyId", acme.EabKeyId);
                WriteOptional(writer, "eabHmacFile", acme.EabHmacFile);
                WriteOptional(writer, "preferredChain", acme.PreferredChain);
                break;
            default:
                throw new ArgumentException($"unknown source kind '{source.Kind}'", nameof(source));
        }

        writer.WriteEndObject();
    });

    public static CertificateSourceSpec ReadSource(string kind, string json)
    {
        using var document = Parse(json, "source");
        var root = document.RootElement;
        return kind switch
        {
            PrivateCaSourceSpec.KindName => new PrivateCaSourceSpec(Text(root, "ca")!, Text(root, "profile")!),
            AcmeSourceSpec.KindName => new AcmeSourceSpec(
                new Uri(Text(root, "directory")!), Text(root, "caFile"), Text(root, "email"), Text(root, "challenge") ?? "http-01",
                root.TryGetProperty("httpPort", out var port) ? port.GetInt32() : 80, Text(root, "dnsHook"))
            {
                Webroot = Text(root, "webroot"),
                TlsPort = root.TryGetProperty("tlsPort", out var tlsPort) ? tlsPort.GetInt32() : 443,
                EabKeyId = Text(root, "eabKeyId"),
                EabHmacFile = Text(root, "eabHmacFile"),
                PreferredChain = Text(root, "preferredChain"),
            },
            _ => throw new CertwrightException(ErrorKind.State, $"a managed certificate has source kind '{kind}', which this certwright does not know; upgrade certwright"),
        };
    }

    public static string Targets(IEnumerable<DeployTarget> targets) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var target in targets)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", target.Kind);
            writer.WriteStartObject("settings");
            foreach (var (name, value) in target.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    public static IReadOnlyList<DeployTarget> ReadTargets(string json)
    {
        using var document = Parse(json, "deploy");
        return
        [
            .. document.RootElement.EnumerateArray().Select(t => new DeployTarget(
                Text(t, "kind") ?? "",
                t.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal))),
        ];
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument Parse(string json, string column)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CertwrightException(ErrorKind.State, string.Create(CultureInfo.InvariantCulture, $"managed certificate column '{column}' is not valid JSON ({e.Message}); remove the managed certificate and add it again"), e);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
