using System.CommandLine;
using Certwright.Cli.Output;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Scanning.Probing;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright probe HOST[:PORT]... [--sni NAME] [--starttls P] [--timeout 10s] [--concurrency N] [--protocols-only] [--json]</c>:
/// which protocol versions, cipher suites and groups endpoints accept. Exit codes as <c>scan</c>: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
/// </summary>
internal static class ProbeCommand
{
    public const string Name = "probe";

    private static readonly Argument<string[]> Targets = new("HOST[:PORT]")
    {
        Description = "Endpoints to probe: host, host:port, [v6]:port (default port 443, or the STARTTLS protocol's)",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> Sni = new("--sni") { Description = "Server name to send (SNI) instead of the host name" };

    private static readonly Option<string?> StartTls = new("--starttls")
    {
        Description = $"Speak this protocol before TLS: {string.Join(", ", StartTlsProtocols.Names)}",
    };

    private static readonly Option<string?> Timeout = new("--timeout")
    {
        Description = "Per connection: give up on connecting, and on a reply to each ClientHello, after this long (default 10s)",
    };

    private static readonly Option<int> Concurrency = new("--concurrency")
    {
        CustomParser = WholeNumber.Parse,
        Description = "TCP connections open at once",
        DefaultValueFactory = _ => new TlsProberOptions().MaxConnections,
    };

    private static readonly Option<bool> ProtocolsOnly = new("--protocols-only") { Description = "Test protocol versions only (no cipher suites or groups)" };

    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command(Name, "Find the protocol versions, cipher suites and key-exchange groups TLS endpoints accept (raw ClientHello probes)");
        command.Arguments.Add(Targets);
        foreach (var option in new Option[] { Sni, StartTls, Timeout, Concurrency, ProtocolsOnly, Json })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync, ExitCodes.NagiosUnknown));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var targets = await ScanTargetsInput.ReadAsync(parseResult.GetValue(Targets) ?? [], null, parseResult.GetValue(StartTls), parseResult.GetValue(Sni), cancellationToken);
        var options = new TlsProberOptions { MaxConnections = parseResult.GetValue(Concurrency), ProtocolsOnly = parseResult.GetValue(ProtocolsOnly) };
        var timeoutText = parseResult.GetValue(Timeout);
        if (timeoutText is not null)
        {
            var timeout = DurationParser.Parse(timeoutText, "--timeout");
            options.ConnectTimeout = timeout;
            options.ReadTimeout = timeout;
        }

        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new CertwrightException(ErrorKind.Usage, string.Join("; ", errors.Select(e => OptionError(e, timeoutText, options.MaxConnections)).Distinct()));
        }

        using var prober = new TlsProber(options, context.TimeProvider);
        var results = await Task.WhenAll(targets.Select(t => prober.ProbeAsync(t, cancellationToken)));
        var reports = results.Select(r => new ProbeReport(r, r.Status == ScanStatus.Success ? TlsConfigurationPolicy.Evaluate(r) : [])).ToArray();
        var exitCode = reports.Any(r => r.Result.Status != ScanStatus.Success)
            ? ExitCodes.NagiosUnknown
            : NagiosStatus.ExitCode(reports.SelectMany(r => r.Findings).Worst());
        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using var writer = JsonOutput.CreateWriter(stdout);
            ProbeJsonWriter.Write(writer, reports, context.TimeProvider.GetUtcNow(), exitCode);
            await writer.FlushAsync(cancellationToken);
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        else
        {
            await ProbeTextWriter.WriteAsync(context.Out, reports);
        }

        return exitCode;
    }

    /// <summary>"MaxConnections is 0; use 1 to 1024." becomes "--concurrency 0: use 1 to 1024".</summary>
    private static string OptionError(string error, string? timeoutText, int concurrency)
    {
        var separator = error.IndexOf("; ", StringComparison.Ordinal);
        var fix = (separator < 0 ? error : error[(separator + 2)..]).TrimEnd('.');
        return error.StartsWith(nameof(TlsProberOptions.MaxConnections), StringComparison.Ordinal) ? $"--concurrency {concurrency}: {fix}"
            : error.Contains("Timeout", StringComparison.Ordinal) ? $"--timeout '{timeoutText}': {fix}"
            : error.TrimEnd('.');
    }
}

/// <summary>One endpoint's probe and the findings it yields.</summary>
internal sealed record ProbeReport(TlsProbeResult Result, IReadOnlyList<Finding> Findings);
