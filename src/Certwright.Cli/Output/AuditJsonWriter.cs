using System.Text.Json;
using Certwright.Monitoring.Audit;

namespace Certwright.Cli.Output;

/// <summary>The <c>audit --json</c> document (<c>kind: audit-report</c>).</summary>
internal static class AuditJsonWriter
{
    private const int FlushThreshold = 64 * 1024;

    public static void Write(Utf8JsonWriter writer, AuditReport report, int exitCode)
    {
        JsonOutput.StartDocument(writer, "audit-report");
        JsonOutput.WriteTime(writer, "generatedAt", report.GeneratedAt);
        writer.WriteNumber("exitCode", exitCode);
        writer.WriteString("worstSeverity", FindingJson.SeverityName(report.Worst));
        writer.WriteStartObject("summary");
        writer.WriteNumber("findings", report.Rows.Count());
        writer.WriteNumber("critical", report.Count(Policy.Severity.Critical));
        writer.WriteNumber("warning", report.Count(Policy.Severity.Warning));
        writer.WriteNumber("info", report.Count(Policy.Severity.Info));
        writer.WriteEndObject();
        JsonOutput.WriteStringArray(writer, "notChecked", report.NotChecked);
        writer.WriteStartArray("groups");
        foreach (var group in report.Groups)
        {
            writer.WriteStartObject();
            writer.WriteString("namespace", group.Namespace);
            JsonOutput.WriteOptional(writer, "owner", group.Owner);
            writer.WriteStartArray("findings");
            foreach (var row in group.Rows)
            {
                WriteRow(writer, row);
                // An audit of a large inventory is tens of MB of JSON: hand it to the stream as it grows.
                if (writer.BytesPending > FlushThreshold)
                {
                    writer.Flush();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter writer, AuditRow row)
    {
        writer.WriteStartObject();
        writer.WriteString("location", row.Location);
        writer.WriteString("source", AuditText.SourceName(row.Source));
        JsonOutput.WriteOptional(writer, "subject", row.Subject);
        JsonOutput.WriteOptional(writer, "sha256", row.Sha256);
        JsonOutput.WriteOptional(writer, "notAfter", row.NotAfter is { } notAfter ? JsonOutput.FormatTime(notAfter) : null);
        if (row.DaysLeft is { } days)
        {
            writer.WriteNumber("daysLeft", days);
        }
        else
        {
            writer.WriteNull("daysLeft");
        }

        writer.WriteString("code", row.Code);
        writer.WriteString("severity", FindingJson.SeverityName(row.Severity));
        writer.WriteString("message", row.Message);
        JsonOutput.WriteTime(writer, "observedAt", row.ObservedAt);
        writer.WriteEndObject();
    }
}
