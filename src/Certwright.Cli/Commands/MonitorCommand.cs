using System.CommandLine;
using System.Globalization;
using Certwright.Cli.Output;
using Certwright.Monitoring;
using Certwright.Policy;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright monitor [--once] [--config F] [--namespace NS] [--ca-file PEM] [--no-revocation]</c>: runs every target's and watched
/// directory's check on its schedule, recording each result, until SIGINT/SIGTERM; <c>--once</c> runs each check
/// one time and exits with the Nagios code of the worst result.
/// </summary>
internal static class MonitorCommand
{
    public const string Name = "monitor";

    /// <summary>How long System.CommandLine lets a stopping monitor finish: its drain time plus a margin.</summary>
    public static readonly TimeSpan TerminationTimeout = MonitorRunner.DefaultDrainTimeout + TimeSpan.FromSeconds(5);

    private static readonly Option<bool> Once = new("--once") { Description = "Run every check one time, then exit with the Nagios code of the worst result" };
    private static readonly Option<string?> Config = TargetOptions.Config();
    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Only check targets and directories of this namespace" };
    private static readonly Option<string?> CaFile = new("--ca-file") { Description = "Trust only the CA certificates in this PEM file (default: the configuration's ca-file, else the system trust store)" };
    private static readonly Option<bool> NoRevocation = new("--no-revocation") { Description = "Do not check whether leaves are revoked (stapled OCSP, OCSP responder, CRL)" };
    private static readonly Option<bool> CheckIntermediates = new("--check-intermediates") { Description = "Also check whether the intermediates of each validated path are revoked (their OCSP responder or CRL)" };
    private static readonly Option<string?> PassphraseFile = RenewalSession.PassphraseFileOption();
    private static readonly Option<string?> PinFile = RenewalSession.PinFileOption();

    public static Command Create()
    {
        var command = new Command(Name, "Check the configured and added targets on their schedules, recording every result");
        foreach (var option in new Option[] { Once, Config, Namespace, CaFile, NoRevocation, CheckIntermediates, PassphraseFile, PinFile })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync, ExitCodes.NagiosUnknown));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var configuration = await context.LoadConfigurationAsync(parseResult.GetValue(Config), cancellationToken);
        var monitorStore = await context.OpenMonitorStoreAsync(cancellationToken);
        var plan = MonitorPlan.Create(configuration, await monitorStore.ListTargetsAsync(cancellationToken), parseResult.GetValue(Namespace));
        var managed = (await (await context.OpenManagedStoreAsync(cancellationToken)).ListAsync(parseResult.GetValue(Namespace), cancellationToken)).Count;
        if (plan.Checks.Count == 0 && managed == 0)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                parseResult.GetValue(Namespace) is { } ns
                    ? $"nothing to monitor in namespace '{ns}'; 'certwright target list' shows the targets, 'certwright managed list' the managed certificates"
                    : "nothing to monitor: add targets with 'certwright target add HOST[:PORT]' or list them in certwright.yaml (--config FILE), or managed certificates with 'certwright managed add'");
        }

        // Managed certificates are renewed on schedule by the monitor too (hourly; 'certwright renew' for one run).
        await using var renewal = managed > 0
            ? await RenewalSession.OpenAsync(context, parseResult, PassphraseFile, PinFile, parseResult.GetValue(Config), null, cancellationToken)
            : null;
        if (plan.Checks.Count == 0)
        {
            return await RenewOnlyAsync(context, renewal!, parseResult, cancellationToken);
        }

        var output = TextWriter.Synchronized(context.Out);
        using var session = await MonitorSession.OpenAsync(context, configuration, plan, parseResult.GetValue(CaFile), !parseResult.GetValue(NoRevocation), parseResult.GetValue(CheckIntermediates), output, cancellationToken);
        var runner = session.Runner;

        if (!parseResult.GetValue(Once))
        {
            await output.WriteLineAsync($"monitor: {plan.Checks.Count} checks, {plan.Concurrency} at a time; stop with Ctrl+C or SIGTERM");
            var renewing = renewal is null ? Task.CompletedTask : RenewalLoop.RunAsync(renewal, parseResult.GetValue(Namespace), output, context.TimeProvider, cancellationToken);
            await runner.RunAsync(plan, cancellationToken);
            await renewing;
            await output.WriteLineAsync("monitor: stopped");
            return ExitCodes.Ok;
        }

        var renewed = renewal is null ? [] : await RenewalLoop.RunOnceAsync(renewal, parseResult.GetValue(Namespace), output, cancellationToken);
        var results = await runner.RunOnceAsync(plan, cancellationToken);
        var exitCode = Math.Max(results.Max(ExitCodeOf), RenewalExitCode(renewed));
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"monitor: {results.Count} checks: {Count(results, CheckStatus.Ok)} ok, {Count(results, CheckStatus.Warning)} warning, {Count(results, CheckStatus.Critical)} critical, {Count(results, CheckStatus.Failed)} failed; exit {exitCode}"));
        return exitCode;
    }

    /// <summary>
    /// Nagios code of one result: its worst finding's (OK 0, WARNING 1, CRITICAL 2; a failed scan is CRITICAL as in
    /// <c>scan</c>), and UNKNOWN 3 when the check itself could not run (<c>check-failed</c>).
    /// </summary>
    internal static int ExitCodeOf(CheckResult result) =>
        result.Findings.Any(f => f.Code == FindingCodes.CheckFailed) ? ExitCodes.NagiosUnknown : NagiosStatus.ExitCode(result.WorstSeverity);

    /// <summary>Managed certificates only: renew on schedule (or once, with --once: its worst finding's Nagios code).</summary>
    private static async Task<int> RenewOnlyAsync(CliContext context, RenewalSession renewal, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = TextWriter.Synchronized(context.Out);
        if (parseResult.GetValue(Once))
        {
            var outcomes = await RenewalLoop.RunOnceAsync(renewal, parseResult.GetValue(Namespace), output, cancellationToken);
            var exitCode = RenewalExitCode(outcomes);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"monitor: 0 checks; {outcomes.Count} managed certificates, {outcomes.Count(o => o.IsFailure)} failed; exit {exitCode}"));
            return exitCode;
        }

        await output.WriteLineAsync("monitor: no checks; renewing the managed certificates hourly; stop with Ctrl+C or SIGTERM");
        await RenewalLoop.RunAsync(renewal, parseResult.GetValue(Namespace), output, context.TimeProvider, cancellationToken);
        await output.WriteLineAsync("monitor: stopped");
        return ExitCodes.Ok;
    }

    /// <summary>The Nagios code of a renewal run: its worst finding (a failure while the old certificate is valid is a WARNING).</summary>
    private static int RenewalExitCode(IReadOnlyList<Renewal.RenewalOutcome> outcomes) =>
        NagiosStatus.ExitCode(outcomes.SelectMany(o => o.Findings).Select(f => f.Severity).DefaultIfEmpty(Severity.Ok).Max());

    private static int Count(IReadOnlyList<CheckResult> results, CheckStatus status) => results.Count(r => r.Status == status);
}
