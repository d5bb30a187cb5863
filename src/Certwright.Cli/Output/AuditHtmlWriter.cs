using System.Globalization;
using System.Net;
using Certwright.Monitoring.Audit;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>
/// <c>audit --format html</c>: one self-contained page (inline CSS, no scripts, nothing fetched), a table per
/// namespace and owner. Every value is HTML-encoded: subjects and messages come from certificates and servers.
/// </summary>
internal static class AuditHtmlWriter
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
        h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#f2f2f2}td.sha{font-family:monospace;font-size:12px;word-break:break-all}
        .critical{background:#fde2e2}.warning{background:#fff4d6}.info{background:#eef5ff}
        .summary span{margin-right:1.5em}
        """;

    public static async Task WriteAsync(TextWriter output, AuditReport report)
    {
        await output.WriteLineAsync("<!DOCTYPE html>");
        await output.WriteLineAsync("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        await output.WriteLineAsync("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        await output.WriteLineAsync($"<title>Certwright audit {E(JsonOutput.FormatTime(report.GeneratedAt))}</title>");
        await output.WriteLineAsync($"<style>{Style}</style></head><body>");
        await output.WriteLineAsync($"<h1>Certwright audit, {E(JsonOutput.FormatTime(report.GeneratedAt))}</h1>");
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"<p class=\"summary\"><span>{report.Count(Severity.Critical)} critical</span><span>{report.Count(Severity.Warning)} warning</span><span>{report.Count(Severity.Info)} info</span></p>"));
        if (report.NotChecked.Count > 0)
        {
            await output.WriteLineAsync($"<p>Not checked yet: {E(string.Join(", ", report.NotChecked))}</p>");
        }

        if (report.Groups.Count == 0)
        {
            await output.WriteLineAsync("<p>No findings.</p>");
        }

        foreach (var group in report.Groups)
        {
            await output.WriteLineAsync($"<h2>Namespace {E(group.Namespace)}, owner {E(group.Owner ?? "(none)")}</h2>");
            await output.WriteLineAsync("<table><thead><tr><th>Severity</th><th>Code</th><th>Location</th><th>Subject</th><th>SHA-256</th><th>Not after</th><th>Days left</th><th>Message</th></tr></thead><tbody>");
            foreach (var row in group.Rows)
            {
                var severity = FindingJson.SeverityName(row.Severity);
                await output.WriteLineAsync(
                    $"<tr class=\"{severity}\"><td>{E(severity)}</td><td>{E(row.Code)}</td><td>{E(row.Location)}</td><td>{E(row.Subject ?? "")}</td>" +
                    $"<td class=\"sha\">{E(row.Sha256 ?? "")}</td><td>{E(row.NotAfter is { } n ? JsonOutput.FormatTime(n) : "")}</td>" +
                    $"<td>{E(row.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "")}</td><td>{E(row.Message)}</td></tr>");
            }

            await output.WriteLineAsync("</tbody></table>");
        }

        await output.WriteLineAsync("</body></html>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
