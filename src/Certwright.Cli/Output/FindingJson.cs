using System.Text.Json;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>The JSON form of a finding: <c>{ code, severity, message, subject }</c>.</summary>
internal static class FindingJson
{
    public static void Write(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("code", finding.Code);
        writer.WriteString("severity", SeverityName(finding.Severity));
        writer.WriteString("message", finding.Message);
        if (finding.Subject is null)
        {
            writer.WriteNull("subject");
        }
        else
        {
            writer.WriteString("subject", finding.Subject);
        }

        writer.WriteEndObject();
    }

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Ok => "ok",
        Severity.Info => "info",
        Severity.Warning => "warning",
        _ => "critical",
    };
}
