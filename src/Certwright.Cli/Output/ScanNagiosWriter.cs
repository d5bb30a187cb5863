using System.Globalization;
using System.Text;
using Certwright.Monitoring;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>
/// The one-line Nagios plugin output of <c>scan --nagios</c>:
/// <c>CERTWRIGHT WARNING - host:443 expires in 12 days | 'host:443'=12;30;7;;</c>.
/// Perfdata is days left per endpoint with the warning and critical thresholds.
/// </summary>
internal static class ScanNagiosWriter
{
    public static string Format(IReadOnlyList<EndpointReport> reports, ExpiryThresholds thresholds)
    {
        var worst = reports.Count == 0 ? Severity.Ok : reports.Max(r => r.Severity);
        var text = new StringBuilder();
        text.Append("CERTWRIGHT ").Append(NagiosStatus.Label(worst)).Append(" - ");
        if (reports.Count == 1)
        {
            text.Append(Summary(reports[0]));
        }
        else
        {
            var critical = reports.Count(r => r.Severity == Severity.Critical);
            var warning = reports.Count(r => r.Severity == Severity.Warning);
            text.Append(CultureInfo.InvariantCulture, $"{reports.Count} endpoints, {critical} critical, {warning} warning");
            foreach (var report in reports.Where(r => r.Severity >= Severity.Warning))
            {
                text.Append("; ").Append(Summary(report));
            }
        }

        // No leaf seen, no perfdata: the line then has no '|' at all (plugin guidelines: perfdata is optional).
        var warningDays = (int)thresholds.Warning.TotalDays;
        var criticalDays = (int)thresholds.Critical.TotalDays;
        var separator = " |";
        foreach (var report in reports)
        {
            if (report.DaysLeft is { } days)
            {
                text.Append(separator).Append(CultureInfo.InvariantCulture, $" '{Label(report)}'={days};{warningDays};{criticalDays};;");
                separator = "";
            }
        }

        return text.ToString();
    }

    private static string Summary(EndpointReport report)
    {
        var worst = report.Findings.FirstOrDefault(f => f.Severity >= Severity.Warning);
        if (worst is not null)
        {
            // Nagios reads '|' as the start of perfdata and one line only.
            var message = ConsoleTable.Sanitize(worst.Message).Replace('|', '/');
            var target = report.Target.ToString();
            return message.StartsWith(target, StringComparison.Ordinal) ? message : $"{target}: {message}";
        }

        return report.DaysLeft is { } days
            ? string.Create(CultureInfo.InvariantCulture, $"{report.Target} valid, expires in {days} days ({JsonOutput.FormatTime(report.Leaf!.NotAfter)[..10]})")
            : $"{report.Target} OK";
    }

    private static string Label(EndpointReport report) => report.Target.ToString().Replace('\'', '_').Replace('=', '_');
}
