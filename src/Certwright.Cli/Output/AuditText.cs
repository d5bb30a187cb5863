using System.Globalization;
using Certwright.Monitoring.Audit;

namespace Certwright.Cli.Output;

/// <summary>Cell texts the audit writers share.</summary>
internal static class AuditText
{
    public static readonly string[] Columns = ["namespace", "owner", "location", "source", "subject", "sha256", "not_after", "days_left", "code", "severity", "message"];

    public static string SourceName(AuditSource source) => source switch
    {
        AuditSource.Endpoint => "endpoint",
        AuditSource.File => "file",
        _ => "directory",
    };

    /// <summary>The row's cells in <see cref="Columns"/> order; absent values are empty.</summary>
    public static string[] Cells(AuditRow row) =>
    [
        row.Namespace,
        row.Owner ?? "",
        row.Location,
        SourceName(row.Source),
        row.Subject ?? "",
        row.Sha256 ?? "",
        row.NotAfter is { } notAfter ? JsonOutput.FormatTime(notAfter) : "",
        row.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "",
        row.Code,
        FindingJson.SeverityName(row.Severity),
        row.Message,
    ];
}
