using System.Globalization;
using Certwright.Monitoring;
using Certwright.Policy;
using Certwright.Scanning;

namespace Certwright.Cli.Output;

/// <summary>The human form of <c>scan</c>: a table of endpoints, details for a few, then every finding.</summary>
internal static class ScanTextWriter
{
    /// <summary>Up to this many endpoints get a detail block (chain, session); more get only the table.</summary>
    private const int DetailLimit = 10;

    public static async Task WriteAsync(TextWriter output, IReadOnlyList<EndpointReport> reports)
    {
        var table = new ConsoleTable("TARGET", "STATUS", "DAYS", "NOT AFTER", "SUBJECT", "PROTOCOL", "FINDINGS");
        foreach (var report in reports)
        {
            var leaf = report.Leaf;
            table.Add(
                Target(report.Target),
                NagiosStatus.Label(report.Severity),
                report.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "-",
                leaf is null ? "-" : JsonOutput.FormatTime(leaf.NotAfter)[..10],
                leaf is null ? "-" : Display.Name(leaf.CommonName, leaf.Subject),
                report.Scan.Protocol ?? "-",
                report.Findings.Count == 0 ? "-" : string.Join(", ", report.Findings.Select(f => f.Code).Distinct()));
        }

        table.Write(output);
        if (reports.Count <= DetailLimit)
        {
            foreach (var report in reports.Where(r => r.Scan.Status == ScanStatus.Success))
            {
                await WriteDetailAsync(output, report);
            }
        }

        var findings = reports.SelectMany(r => r.Findings.Select(f => (r.Target, Finding: f))).ToArray();
        if (findings.Length > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Findings:");
            foreach (var (target, finding) in findings)
            {
                await output.WriteLineAsync($"  {Target(target)}  {NagiosLabel(finding.Severity)}  {finding.Code}: {ConsoleTable.Sanitize(finding.Message)}");
            }
        }
    }

    private static async Task WriteDetailAsync(TextWriter output, EndpointReport report)
    {
        var scan = report.Scan;
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{Target(report.Target)} ({scan.ConnectedEndPoint})");
        await output.WriteLineAsync($"  session:  {scan.Protocol} {scan.CipherSuite}{(scan.Group is null ? "" : " " + scan.Group)}, OCSP stapled: {(scan.StapledOcspResponse is null ? "no" : "yes")}, client certificate requested: {(scan.ClientCertificateRequested ? "yes" : "no")}");
        if (scan.ClientCertificateRequested)
        {
            await output.WriteLineAsync(scan.ClientCertificateAuthorities.Count == 0
                ? "  client CAs: none named (any CA)"
                : $"  client CAs: {ConsoleTable.Sanitize(string.Join("; ", scan.ClientCertificateAuthorities.Select(DistinguishedNames.Render)))}");
        }

        for (var i = 0; i < report.Chain.Count; i++)
        {
            var certificate = report.Chain[i];
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"  {(i == 0 ? "leaf:    " : $"chain[{i}]:")} {ConsoleTable.Sanitize(certificate.Subject)}  ({certificate.PublicKey}, {certificate.SignatureAlgorithm}, until {JsonOutput.FormatTime(certificate.NotAfter)}, sha256 {certificate.Sha256[..16]})"));
        }

        if (report.LeafNotAfter is { } leafExpiry)
        {
            await output.WriteLineAsync($"  expiry:   leaf {JsonOutput.FormatTime(leafExpiry)}, presented chain {Time(report.PresentedChainNotAfter)}, validated path {(report.ValidatedPathNotAfter is { } pathExpiry ? JsonOutput.FormatTime(pathExpiry) : "none (no path to a trust anchor)")}");
        }

        if (report.Leaf?.SubjectAlternativeNames is { Count: > 0 } names)
        {
            await output.WriteLineAsync($"  names:    {ConsoleTable.Sanitize(string.Join(", ", names.Take(8)))}{(names.Count > 8 ? $", ... ({names.Count} in all)" : "")}");
        }

        if (report.Validation is { } validation)
        {
            var anchor = validation.Path.LastOrDefault(e => e.IsTrustAnchor);
            await output.WriteLineAsync(validation.IsValid
                ? $"  trust:    valid, anchored at {ConsoleTable.Sanitize(anchor?.Subject ?? "?")}"
                : $"  trust:    NOT valid ({string.Join(", ", validation.Codes)})");
        }

        if (report.Revocation is { } revocation)
        {
            await output.WriteLineAsync($"  revocation: {ConsoleTable.Sanitize(RevocationJson.Describe(revocation))}");
        }
    }

    public static string Target(ScanTarget target)
    {
        var text = target.ToString();
        if (target.ServerName is { } sni && sni != target.Host)
        {
            text += $" (SNI {sni})";
        }

        return target.StartTls == StartTlsProtocol.None ? text : $"{text} [{target.StartTls.Name()}]";
    }

    private static string NagiosLabel(Severity severity) => severity == Severity.Info ? "INFO" : NagiosStatus.Label(severity);

    private static string Time(DateTimeOffset? time) => time is { } value ? JsonOutput.FormatTime(value) : "-";
}
