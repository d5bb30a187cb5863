using System.Globalization;
using Certwright.Cli.Commands;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Scanning.Probing;

namespace Certwright.Cli.Output;

/// <summary>The human form of <c>probe</c>, laid out like sslscan: protocols, suites per protocol in the server's pick order, groups, findings.</summary>
internal static class ProbeTextWriter
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<ProbeReport> reports)
    {
        for (var i = 0; i < reports.Count; i++)
        {
            if (i > 0)
            {
                await output.WriteLineAsync();
            }

            await WriteOneAsync(output, reports[i]);
        }
    }

    private static async Task WriteOneAsync(TextWriter output, ProbeReport report)
    {
        var result = report.Result;
        var target = ScanTextWriter.Target(result.Target);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{target}{(result.ConnectedEndPoint is { } ep ? $" ({ep})" : "")}: {result.Connections} connections in {result.Duration.TotalSeconds:0.00} s"));
        if (result.Status != ScanStatus.Success)
        {
            await output.WriteLineAsync($"  UNKNOWN: {ConsoleTable.Sanitize(result.Error ?? "probe failed")}");
            return;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("  Protocols:");
        foreach (var protocol in result.Protocols)
        {
            await output.WriteLineAsync($"    {protocol.Version.Name(),-8} {(protocol.Accepted ? "enabled" : "disabled")}{(protocol.Accepted ? "" : $"  ({ConsoleTable.Sanitize(protocol.Refusal ?? "")})")}");
        }

        var accepted = result.Protocols.Where(p => p.Accepted).Reverse().ToArray();
        if (accepted.Any(p => p.CipherSuitesEnumerated || p.EnumerationError is not null))
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("  Cipher suites (per protocol, in the order the server picked them):");
            foreach (var protocol in accepted)
            {
                if (protocol.ServerOrder is { } serverOrder)
                {
                    await output.WriteLineAsync($"    {protocol.Version.Name()}: {(serverOrder ? "the server enforces its own order" : "the server follows the client's order (ours: strongest first)")}");
                }

                for (var i = 0; i < protocol.CipherSuites.Count; i++)
                {
                    var suite = protocol.CipherSuites[i];
                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"    {(i == 0 ? "Preferred" : "Accepted ")} {protocol.Version.Name(),-8} {suite.Bits,4} bits  {suite,-32} {suite.KeyExchange}/{suite.Authentication} {suite.Encryption} {suite.Mac}{(suite.ForwardSecrecy ? "" : "  no-FS")}"));
                }

                if (protocol.EnumerationError is { } error)
                {
                    await output.WriteLineAsync($"    {protocol.Version.Name()}: enumeration incomplete: {ConsoleTable.Sanitize(error)}");
                }
            }
        }

        if (accepted.Any(p => p.GroupsTested))
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("  Key exchange groups:");
            foreach (var protocol in accepted.Where(p => p.GroupsTested))
            {
                foreach (var group in protocol.Groups)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {protocol.Version.Name(),-8} {group.Bits,4} bits  {group.Name}{(group.PostQuantum ? "  (post-quantum hybrid)" : "")}"));
                }

                if (protocol.Groups.Count == 0)
                {
                    await output.WriteLineAsync($"    {protocol.Version.Name(),-8} none of the tested groups");
                }
            }
        }

        if (result.ClientCertificateRequested)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"  Client certificate requested; acceptable CA names ({result.ClientCertificateAuthorities.Count}):");
            foreach (var name in result.ClientCertificateAuthorities)
            {
                await output.WriteLineAsync($"    {ConsoleTable.Sanitize(DistinguishedNames.Render(name))}");
            }
        }

        if (report.Findings.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("  Findings:");
            foreach (var finding in report.Findings.OrderByDescending(f => f.Severity))
            {
                var label = finding.Severity == Severity.Info ? "INFO" : NagiosStatus.Label(finding.Severity);
                await output.WriteLineAsync($"    {label,-8} {finding.Code}: {ConsoleTable.Sanitize(finding.Message)}");
            }
        }
    }
}
