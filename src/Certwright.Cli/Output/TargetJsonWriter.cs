using System.Text.Json;
using Certwright.Cli.Commands;
using Certwright.Inventory;
using Certwright.Monitoring;
using Certwright.Monitoring.Configuration;
using Certwright.Scanning;

namespace Certwright.Cli.Output;

/// <summary>The <c>target list --json</c> (<c>kind: target-list</c>) and <c>target history --json</c> (<c>kind: target-history</c>) documents.</summary>
internal static class TargetJsonWriter
{
    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<TargetRow> rows, string? configPath, DateTimeOffset generatedAt)
    {
        JsonOutput.StartDocument(writer, "target-list");
        JsonOutput.WriteTime(writer, "generatedAt", generatedAt);
        JsonOutput.WriteOptional(writer, "configFile", configPath);
        writer.WriteStartArray("targets");
        foreach (var row in rows)
        {
            var target = row.Check.Target!;
            var endpoint = target.Endpoint;
            writer.WriteStartObject();
            writer.WriteString("target", target.Key);
            writer.WriteString("host", endpoint.Host);
            writer.WriteNumber("port", endpoint.Port);
            JsonOutput.WriteOptional(writer, "serverName", endpoint.ServerName);
            JsonOutput.WriteOptional(writer, "startTls", endpoint.StartTls == StartTlsProtocol.None ? null : endpoint.StartTls.Name());
            writer.WriteString("source", SourceName(target.Source));
            JsonOutput.WriteOptional(writer, "origin", target.Origin);
            writer.WriteString("namespace", target.Namespace);
            JsonOutput.WriteOptional(writer, "owner", target.Owner);
            JsonOutput.WriteStringArray(writer, "tags", target.Tags);
            writer.WriteString("schedule", row.Check.Schedule.Text);
            writer.WriteNumber("warningDays", (int)row.Check.Thresholds.Warning.TotalDays);
            writer.WriteNumber("criticalDays", (int)row.Check.Thresholds.Critical.TotalDays);
            if (row.Latest is { } latest)
            {
                writer.WritePropertyName("lastCheck");
                WriteCheck(writer, latest);
            }
            else
            {
                writer.WriteNull("lastCheck");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteHistory(Utf8JsonWriter writer, string target, IReadOnlyList<CheckResult> checks, IReadOnlyList<EndpointEvent> events, DateTimeOffset generatedAt)
    {
        JsonOutput.StartDocument(writer, "target-history");
        JsonOutput.WriteTime(writer, "generatedAt", generatedAt);
        writer.WriteString("target", target);
        writer.WriteStartArray("checks");
        foreach (var check in checks)
        {
            WriteCheck(writer, check);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("certificateEvents");
        foreach (var e in events)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", e.Kind == EndpointEventKind.FirstSeen ? "first-seen" : "certificate-changed");
            JsonOutput.WriteTime(writer, "occurredAt", e.OccurredAt);
            JsonOutput.WriteOptional(writer, "previousSha256", e.PreviousSha256);
            writer.WriteString("currentSha256", e.CurrentSha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteCheck(Utf8JsonWriter writer, CheckResult check)
    {
        writer.WriteStartObject();
        JsonOutput.WriteTime(writer, "checkedAt", check.CheckedAt);
        writer.WriteString("status", StatusName(check.Status));
        writer.WriteString("severity", FindingJson.SeverityName(check.WorstSeverity));
        JsonOutput.WriteOptional(writer, "leafSha256", check.LeafSha256);
        writer.WriteNumber("durationMilliseconds", (long)check.Duration.TotalMilliseconds);
        JsonOutput.WriteOptional(writer, "error", check.Error);
        writer.WriteEndObject();
    }

    public static string SourceName(TargetSource source) => source == TargetSource.Cli ? "cli" : "config";

    public static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        CheckStatus.Critical => "critical",
        _ => "failed",
    };
}
