using System.CommandLine;
using Certwright.Cli.Output;
using Certwright.Inventory;
using Certwright.Monitoring;
using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Scanning;
using Certwright.Validation;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright scan HOST[:PORT]... [--sni NAME] [--starttls P] [--ca-file PEM] [--timeout T] [--connect-timeout T] [--handshake-timeout T] [--warning DAYS] [--critical DAYS] [--no-revocation] [--json|--nagios]</c>.
/// Exit codes follow the Nagios plugin convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
/// </summary>
internal static class ScanCommand
{
    public const string Name = "scan";

    private static readonly Argument<string[]> Targets = new("HOST[:PORT]")
    {
        Description = "Endpoints to scan: host, host:port, [v6]:port (default port 443, or the STARTTLS protocol's)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> TargetsFile = new("--targets-file") { Description = "File with one HOST[:PORT] per line ('#' starts a comment)" };

    private static readonly Option<string?> Sni = new("--sni") { Description = "Server name to send (SNI) instead of the host name" };

    private static readonly Option<string?> StartTls = new("--starttls")
    {
        Description = $"Speak this protocol before TLS: {string.Join(", ", StartTlsProtocols.Names)}",
    };

    private static readonly Option<string?> CaFile = new("--ca-file") { Description = "Trust only the CA certificates in this PEM file (default: the system trust store)" };

    private static readonly Option<int> Warning = new("--warning", "-w")
    {
        CustomParser = WholeNumber.Parse,
        Description = "WARNING when the leaf expires within this many days",
        DefaultValueFactory = _ => (int)ExpiryThresholds.Default.Warning.TotalDays,
    };

    private static readonly Option<int> Critical = new("--critical", "-c")
    {
        CustomParser = WholeNumber.Parse,
        Description = "CRITICAL when the leaf expires within this many days",
        DefaultValueFactory = _ => (int)ExpiryThresholds.Default.Critical.TotalDays,
    };

    private static readonly Option<int> Concurrency = new("--concurrency")
    {
        CustomParser = WholeNumber.Parse,
        Description = "Endpoints scanned at once",
        DefaultValueFactory = _ => ScanningDefaults.MaxConcurrency,
    };

    private static readonly Option<string?> Timeout = new("--timeout")
    {
        Description = "Give up on an endpoint after this long, connect and handshake included (default 20s, or the two phase timeouts added up when more)",
    };

    private static readonly Option<string?> ConnectTimeout = new("--connect-timeout")
    {
        Description = "Give up resolving and connecting to an endpoint after this long (default 5s)",
    };

    private static readonly Option<string?> HandshakeTimeout = new("--handshake-timeout")
    {
        Description = "Give up on the STARTTLS exchange and TLS handshake after this long (default 10s)",
    };

    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Namespace the endpoints belong to in the inventory" };

    private static readonly Option<bool> NoStore = new("--no-store") { Description = "Do not record what was seen in the inventory" };

    private static readonly Option<bool> NoRevocation = new("--no-revocation") { Description = "Do not check whether the leaf is revoked (stapled OCSP, OCSP responder, CRL)" };
    private static readonly Option<bool> CheckIntermediates = new("--check-intermediates") { Description = "Also check whether the intermediates of the validated path are revoked (their OCSP responder or CRL)" };

    private static readonly Option<bool> Nagios = new("--nagios") { Description = "Print one Nagios plugin status line with perfdata (days left)" };

    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command(Name, "Fetch and validate the certificate chains TLS endpoints present, and record them in the inventory");
        command.Arguments.Add(Targets);
        foreach (var option in new Option[] { TargetsFile, Sni, StartTls, CaFile, Warning, Critical, Concurrency, Timeout, ConnectTimeout, HandshakeTimeout, Namespace, NoStore, NoRevocation, CheckIntermediates, Nagios, Json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(Json) && result.GetValue(Nagios))
            {
                result.AddError("--json and --nagios cannot be combined; choose one output");
            }
        });
        command.SetAction(CommandRunner.Guard(RunAsync, ExitCodes.NagiosUnknown));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var thresholds = Thresholds(parseResult);
        var targets = await ScanTargetsInput.ReadAsync(
            parseResult.GetValue(Targets) ?? [],
            parseResult.GetValue(TargetsFile),
            parseResult.GetValue(StartTls),
            parseResult.GetValue(Sni),
            cancellationToken);
        var scannerOptions = new EndpointScannerOptions { MaxConcurrency = parseResult.GetValue(Concurrency) };
        var connectText = parseResult.GetValue(ConnectTimeout);
        var handshakeText = parseResult.GetValue(HandshakeTimeout);
        if (connectText is not null)
        {
            scannerOptions.ConnectTimeout = DurationParser.Parse(connectText, "--connect-timeout");
        }

        if (handshakeText is not null)
        {
            scannerOptions.HandshakeTimeout = DurationParser.Parse(handshakeText, "--handshake-timeout");
        }

        var timeoutText = parseResult.GetValue(Timeout);
        if (timeoutText is not null)
        {
            scannerOptions.TotalTimeout = DurationParser.Parse(timeoutText, "--timeout");
        }

        if (scannerOptions.Validate() is { Count: > 0 } errors)
        {
            // The library names its properties (ConnectTimeout, MaxConcurrency); users typed options.
            var given = new TimeoutTexts(timeoutText, connectText, handshakeText);
            throw new CertwrightException(ErrorKind.Usage, string.Join("; ", errors.Select(e => OptionError(e, given, scannerOptions.MaxConcurrency)).Distinct()));
        }

        if (timeoutText is not null)
        {
            scannerOptions.ConnectTimeout = Min(scannerOptions.ConnectTimeout, scannerOptions.TotalTimeout);
            scannerOptions.HandshakeTimeout = Min(scannerOptions.HandshakeTimeout, scannerOptions.TotalTimeout);
        }
        else
        {
            // Phases the user lengthened must not be cut short by the default total (which stays within its one-hour bound).
            scannerOptions.TotalTimeout = Min(Max(scannerOptions.TotalTimeout, scannerOptions.ConnectTimeout + scannerOptions.HandshakeTimeout), TimeSpan.FromHours(1));
        }

        var trustStore = parseResult.GetValue(CaFile) is { } caFile
            ? await TrustStore.LoadFileAsync(caFile, cancellationToken)
            : await TrustStore.LoadSystemAsync(cancellationToken);
        var record = !parseResult.GetValue(NoStore);
        var store = record ? await context.OpenStoreAsync(cancellationToken) : null;
        // CRLs are kept in DATA/cache/crl until their nextUpdate, so scans run from cron or Nagios download each once;
        // --no-store writes nothing to the data directory and keeps them in memory only.
        using var revocation = parseResult.GetValue(NoRevocation)
            ? null
            : new RevocationChecker(new RevocationOptions { CacheDirectory = record ? RevocationCache.Directory(context) : null }, context.TimeProvider);
        var checker = new EndpointChecker(new EndpointScanner(scannerOptions, context.TimeProvider), new ChainValidator(), context.TimeProvider, store)
        {
            Revocation = revocation,
        };
        var options = new EndpointCheckOptions
        {
            TrustStore = trustStore,
            Thresholds = thresholds,
            Record = record,
            Namespace = parseResult.GetValue(Namespace) ?? SightingLocation.DefaultNamespace,
            CheckIntermediateRevocation = parseResult.GetValue(CheckIntermediates),
        };

        var order = targets.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var reports = new List<EndpointReport>(targets.Count);
        await foreach (var report in checker.CheckAsync(targets, options, cancellationToken))
        {
            reports.Add(report);
        }

        reports.Sort((a, b) => order[a.Target].CompareTo(order[b.Target]));
        var worst = reports.Count == 0 ? Severity.Ok : reports.Max(r => r.Severity);
        var exitCode = NagiosStatus.ExitCode(worst);
        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using var writer = JsonOutput.CreateWriter(stdout);
            ScanJsonWriter.Write(writer, reports, context.TimeProvider.GetUtcNow(), exitCode);
            await writer.FlushAsync(cancellationToken);
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        else if (parseResult.GetValue(Nagios))
        {
            await context.Out.WriteLineAsync(ScanNagiosWriter.Format(reports, thresholds));
        }
        else
        {
            await ScanTextWriter.WriteAsync(context.Out, reports);
        }

        return exitCode;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// A threshold the user did not give follows the one they did: <c>--warning 5</c> alone means critical at 5 days
    /// (not an error against the default 7), <c>--critical 40</c> alone means warning at 40. Both given must agree.
    /// </summary>
    private static ExpiryThresholds Thresholds(ParseResult parseResult)
    {
        var warning = parseResult.GetValue(Warning);
        var critical = parseResult.GetValue(Critical);
        var warningGiven = parseResult.GetResult(Warning) is { Implicit: false };
        var criticalGiven = parseResult.GetResult(Critical) is { Implicit: false };
        if (warningGiven && !criticalGiven && warning >= 0)
        {
            critical = Math.Min(critical, warning);
        }
        else if (criticalGiven && !warningGiven)
        {
            warning = Math.Max(warning, critical);
        }

        return ExpiryThresholds.Create(warning, critical);
    }

    /// <summary>"MaxConcurrency is 0; use 1 to 4096." becomes "--concurrency 0: use 1 to 4096".</summary>
    private static string OptionError(string error, TimeoutTexts given, int concurrency)
    {
        var separator = error.IndexOf("; ", StringComparison.Ordinal);
        var fix = separator < 0 ? error : error[(separator + 2)..].TrimEnd('.');
        bool Is(string property) => error.StartsWith(property + " ", StringComparison.Ordinal);

        return Is(nameof(EndpointScannerOptions.MaxConcurrency)) ? $"--concurrency {concurrency}: {fix}"
            : Is(nameof(EndpointScannerOptions.ConnectTimeout)) ? $"--connect-timeout '{given.Connect}': {fix}"
            : Is(nameof(EndpointScannerOptions.HandshakeTimeout)) ? $"--handshake-timeout '{given.Handshake}': {fix}"
            : Is(nameof(EndpointScannerOptions.TotalTimeout)) ? $"--timeout '{given.Total}': {fix}"
            : error.TrimEnd('.');
    }

    private sealed record TimeoutTexts(string? Total, string? Connect, string? Handshake);
}
