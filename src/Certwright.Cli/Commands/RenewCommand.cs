using System.CommandLine;
using System.Globalization;
using Certwright.Cli.Output;
using Certwright.Renewal;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright renew [--namespace NS] [--force] [--dry-run] [--json]</c>: renews every managed certificate that is due,
/// deploys it and exits: 0 when all went well, 1 with one line per failure on stderr otherwise (for cron and the
/// Kubernetes CronJob).
/// </summary>
internal static class RenewCommand
{
    public const string Name = "renew";

    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Only the managed certificates of this namespace" };
    private static readonly Option<bool> Force = new("--force") { Description = "Renew every selected certificate now, whatever its window and backoff" };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what is due; obtain, deploy and record nothing" };
    private static readonly Option<string?> Config = new("--config") { Description = "Configuration file whose 'profiles:' section defines profiles (default: certwright.yaml in the data directory, if present)" };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Certificates renewed at once", DefaultValueFactory = _ => 16, CustomParser = WholeNumber.Parse };
    private static readonly Option<string?> PassphraseFile = RenewalSession.PassphraseFileOption();
    private static readonly Option<string?> PinFile = RenewalSession.PinFileOption();
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command(Name, "Renew the managed certificates that are due, deploy them, and exit (0: all fine)");
        foreach (var option in new Option[] { Namespace, Force, DryRun, Config, Concurrency, PassphraseFile, PinFile, Json })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(Json);
        var concurrency = parseResult.GetValue(Concurrency);
        if (concurrency is < 1 or > 256)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--concurrency {concurrency} is out of range: use 1 to 256");
        }

        var output = TextWriter.Synchronized(context.Out);
        await using var session = await RenewalSession.OpenAsync(
            context, parseResult, PassphraseFile, PinFile, parseResult.GetValue(Config),
            json ? null : outcome => WriteLine(output, outcome),
            cancellationToken);
        var options = new RenewalRunOptions
        {
            Namespace = parseResult.GetValue(Namespace),
            Force = parseResult.GetValue(Force),
            DryRun = parseResult.GetValue(DryRun),
            MaxConcurrency = concurrency,
        };
        var outcomes = await session.Runner.RunAsync(options, cancellationToken);
        if (json)
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                ManagedJsonWriter.WriteRun(writer, outcomes, options.DryRun, context.TimeProvider.GetUtcNow());
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        else
        {
            await output.WriteLineAsync(Summary(outcomes, options));
        }

        foreach (var failure in outcomes.Where(o => o.IsFailure))
        {
            foreach (var finding in failure.Findings)
            {
                await Console.Error.WriteLineAsync(ConsoleTable.Sanitize($"certwright: {finding.Code}: {failure.Name}: {finding.Message}"));
            }
        }

        return outcomes.Any(o => o.IsFailure) ? ExitCodes.Error : ExitCodes.Ok;
    }

    private static void WriteLine(TextWriter output, RenewalOutcome outcome)
    {
        // Not-due certificates are the quiet majority of a cron run: only what happened is printed, then the summary.
        var line = outcome.Status switch
        {
            RenewalStatus.Renewed => $"renewed {outcome.Name} ({outcome.Namespace}): {outcome.Sha256![..16]}…, expires {JsonOutput.FormatTime(outcome.NotAfter!.Value)}",
            RenewalStatus.WouldRenew => $"would renew {outcome.Name} ({outcome.Namespace}): {outcome.Decision.Reason}",
            RenewalStatus.NotServed => $"NOT SERVED {outcome.Name} ({outcome.Namespace}): {outcome.Findings[0].Message}",
            RenewalStatus.Failed => $"FAILED {outcome.Name} ({outcome.Namespace}): {outcome.Findings[0].Message}; next attempt after {JsonOutput.FormatTime(outcome.NextAttemptAfter!.Value)}",
            _ => null,
        };
        if (line is not null)
        {
            output.WriteLine(ConsoleTable.Sanitize(line));
        }
    }

    private static string Summary(IReadOnlyList<RenewalOutcome> outcomes, RenewalRunOptions options)
    {
        int Count(RenewalStatus status) => outcomes.Count(o => o.Status == status);
        var scope = options.Namespace is { } ns ? $" in namespace {ns}" : "";
        return options.DryRun
            ? string.Create(CultureInfo.InvariantCulture, $"renew (dry run): {outcomes.Count} managed{scope}: {Count(RenewalStatus.WouldRenew)} due, {Count(RenewalStatus.NotDue)} not due; nothing changed")
            : string.Create(CultureInfo.InvariantCulture, $"renew: {outcomes.Count} managed{scope}: {Count(RenewalStatus.Renewed)} renewed, {Count(RenewalStatus.NotDue)} not due, {Count(RenewalStatus.Failed)} failed, {Count(RenewalStatus.NotServed)} not served");
    }
}
