using System.Text.Json;
using Certwright.Monitoring;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>The <c>scan --json</c> document (<c>kind: scan-report</c>).</summary>
internal static class ScanJsonWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<EndpointReport> reports, DateTimeOffset generatedAt, int exitCode)
    {
        var worst = reports.Count == 0 ? Severity.Ok : reports.Max(r => r.Severity);
        JsonOutput.StartDocument(writer, "scan-report");
        JsonOutput.WriteTime(writer, "generatedAt", generatedAt);
        writer.WriteString("status", NagiosStatus.Label(worst).ToLowerInvariant());
        writer.WriteNumber("exitCode", exitCode);
        writer.WriteStartArray("endpoints");
        foreach (var report in reports)
        {
            WriteEndpoint(writer, report);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter writer, EndpointReport report)
    {
        var scan = report.Scan;
        writer.WriteStartObject();
        EndpointJson.WriteIdentity(writer, scan.Target, scan.ConnectedEndPoint);
        writer.WriteString("scanStatus", EndpointJson.StatusName(scan.Status));
        JsonOutput.WriteOptional(writer, "error", scan.Error);
        writer.WriteString("severity", FindingJson.SeverityName(report.Severity));
        JsonOutput.WriteTime(writer, "checkedAt", report.CheckedAt);
        JsonOutput.WriteOptional(writer, "protocol", scan.Protocol);
        JsonOutput.WriteOptional(writer, "cipherSuite", scan.CipherSuite);
        JsonOutput.WriteOptional(writer, "group", scan.Group);
        writer.WriteBoolean("ocspStapled", scan.StapledOcspResponse is not null);
        writer.WriteBoolean("clientCertificateRequested", scan.ClientCertificateRequested);
        JsonOutput.WriteStringArray(writer, "clientCertificateAuthorities", scan.ClientCertificateAuthorities.Select(DistinguishedNames.Render));
        writer.WriteNumber("handshakeMilliseconds", Math.Round(scan.HandshakeDuration.TotalMilliseconds, 1));
        if (report.DaysLeft is { } days)
        {
            writer.WriteNumber("daysLeft", days);
        }
        else
        {
            writer.WriteNull("daysLeft");
        }

        // Three expiries, kept apart: a single "earliest expiry" over everything sent misleads (an unused
        // expired cross-sign would alarm, an expiring root reached only by path building would hide).
        writer.WriteStartObject("expiry");
        JsonOutput.WriteOptionalTime(writer, "leaf", report.LeafNotAfter);
        JsonOutput.WriteOptionalTime(writer, "presentedChain", report.PresentedChainNotAfter);
        JsonOutput.WriteOptionalTime(writer, "validatedPath", report.ValidatedPathNotAfter);
        writer.WriteEndObject();

        writer.WriteStartArray("presentedChain");
        foreach (var certificate in report.Chain)
        {
            CertificateJson.Write(writer, certificate);
        }

        writer.WriteEndArray();
        if (report.Validation is { } validation)
        {
            writer.WriteStartObject("validation");
            writer.WriteBoolean("valid", validation.IsValid);
            writer.WriteString("profile", validation.Profile.ToString());
            JsonOutput.WriteStringArray(writer, "path", validation.Path.Select(e => e.Sha256));
            JsonOutput.WriteOptional(writer, "trustAnchor", validation.Path.LastOrDefault(e => e.IsTrustAnchor)?.Subject);
            writer.WriteEndObject();
        }
        else
        {
            // No chain to validate (unreachable, handshake failed): present and null, like every optional field.
            writer.WriteNull("validation");
        }

        if (report.Revocation is { } revocation)
        {
            RevocationJson.Write(writer, revocation);
        }
        else
        {
            // Not checked (--no-revocation, or no leaf): present and null, like every optional field.
            writer.WriteNull("revocation");
        }

        if (report.Change is { } change)
        {
            writer.WriteStartObject("certificateChanged");
            writer.WriteString("previousSha256", change.Previous.Sha256);
            writer.WriteString("currentSha256", change.CurrentSha256);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("certificateChanged");
        }

        writer.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            FindingJson.Write(writer, finding);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
