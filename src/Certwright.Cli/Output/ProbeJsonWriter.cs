using System.Text.Json;
using Certwright.Cli.Commands;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Scanning.Probing;

namespace Certwright.Cli.Output;

/// <summary>The <c>probe --json</c> document (<c>kind: probe-report</c>).</summary>
internal static class ProbeJsonWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ProbeReport> reports, DateTimeOffset generatedAt, int exitCode)
    {
        JsonOutput.StartDocument(writer, "probe-report");
        JsonOutput.WriteTime(writer, "generatedAt", generatedAt);
        writer.WriteString("status", exitCode == ExitCodes.NagiosUnknown ? "unknown" : NagiosStatus.Label(Worst(reports)).ToLowerInvariant());
        writer.WriteNumber("exitCode", exitCode);
        writer.WriteStartArray("endpoints");
        foreach (var report in reports)
        {
            WriteEndpoint(writer, report);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Severity Worst(IReadOnlyList<ProbeReport> reports) =>
        reports.SelectMany(r => r.Findings).Worst();

    private static void WriteEndpoint(Utf8JsonWriter writer, ProbeReport report)
    {
        var result = report.Result;
        writer.WriteStartObject();
        EndpointJson.WriteIdentity(writer, result.Target, result.ConnectedEndPoint);
        writer.WriteString("probeStatus", EndpointJson.StatusName(result.Status));
        JsonOutput.WriteOptional(writer, "error", result.Error);
        writer.WriteNumber("connections", result.Connections);
        writer.WriteNumber("durationMilliseconds", Math.Round(result.Duration.TotalMilliseconds, 1));
        writer.WriteStartArray("protocols");
        foreach (var protocol in result.Protocols)
        {
            WriteProtocol(writer, protocol);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("clientCertificateRequested", result.ClientCertificateRequested);
        JsonOutput.WriteStringArray(writer, "clientCertificateAuthorities", result.ClientCertificateAuthorities.Select(DistinguishedNames.Render));
        writer.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            FindingJson.Write(writer, finding);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteProtocol(Utf8JsonWriter writer, ProtocolSupport protocol)
    {
        writer.WriteStartObject();
        writer.WriteString("version", protocol.Version.Name());
        writer.WriteBoolean("accepted", protocol.Accepted);
        JsonOutput.WriteOptional(writer, "refusal", protocol.Refusal);
        writer.WriteBoolean("cipherSuitesEnumerated", protocol.CipherSuitesEnumerated);
        if (protocol.ServerOrder is { } serverOrder)
        {
            writer.WriteBoolean("serverOrder", serverOrder);
        }
        else
        {
            writer.WriteNull("serverOrder");
        }

        writer.WriteStartArray("cipherSuites");
        foreach (var suite in protocol.CipherSuites)
        {
            writer.WriteStartObject();
            writer.WriteString("code", $"0x{suite.Code:X4}");
            writer.WriteString("iana", suite.IanaName);
            JsonOutput.WriteOptional(writer, "openssl", suite.OpenSslName);
            writer.WriteString("keyExchange", suite.KeyExchange);
            writer.WriteString("authentication", suite.Authentication);
            writer.WriteString("encryption", suite.Encryption);
            writer.WriteNumber("bits", suite.Bits);
            writer.WriteString("mac", suite.Mac);
            writer.WriteBoolean("forwardSecrecy", suite.ForwardSecrecy);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("groupsTested", protocol.GroupsTested);
        JsonOutput.WriteStringArray(writer, "groups", protocol.Groups.Select(g => g.Name));
        JsonOutput.WriteOptional(writer, "enumerationError", protocol.EnumerationError);
        writer.WriteEndObject();
    }
}
