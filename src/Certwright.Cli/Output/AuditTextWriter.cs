using System.Globalization;
using Certwright.Monitoring.Audit;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>The human form of <c>audit</c>: a table per namespace and owner, then a summary line.</summary>
internal static class AuditTextWriter
{
    public static async Task WriteAsync(TextWriter output, AuditReport report)
    {
        foreach (var group in report.Groups)
        {
            await output.WriteLineAsync($"== namespace {ConsoleTable.Sanitize(group.Namespace)}, owner {ConsoleTable.Sanitize(group.Owner ?? "(none)")}");
            var table = new ConsoleTable("SEVERITY", "CODE", "LOCATION", "DAYS", "SHA-256", "MESSAGE");
            foreach (var row in group.Rows)
            {
                table.Add(
                    NagiosStatus.Label(row.Severity) is "OK" ? "INFO" : NagiosStatus.Label(row.Severity),
                    row.Code,
                    row.Location,
                    row.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    row.Sha256?[..16] ?? "-",
                    row.Message);
            }

            table.Write(output);
            await output.WriteLineAsync();
        }

        if (report.NotChecked.Count > 0)
        {
            await output.WriteLineAsync($"not checked yet (run 'certwright monitor --once'): {ConsoleTable.Sanitize(string.Join(", ", report.NotChecked))}");
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"audit: {report.Rows.Count()} findings: {report.Count(Severity.Critical)} critical, {report.Count(Severity.Warning)} warning, {report.Count(Severity.Info)} info"));
    }
}
