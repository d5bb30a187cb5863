using System.CommandLine;
using Certwright.Cli.Output;
using Certwright.Monitoring;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright target list [--config F] [--namespace NS] [--json]</c>: configuration-file and added targets, with their last check.</summary>
internal static class TargetListCommand
{
    private static readonly Option<string?> Config = TargetOptions.Config();
    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Only targets in this namespace" };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("list", "List the monitored endpoints (configuration file and 'target add') with their last check");
        command.Options.Add(Config);
        command.Options.Add(Namespace);
        command.Options.Add(Json);
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var configuration = await context.LoadConfigurationAsync(parseResult.GetValue(Config), cancellationToken);
        var store = await context.OpenMonitorStoreAsync(cancellationToken);
        var stored = await store.ListTargetsAsync(cancellationToken);
        var plan = MonitorPlan.Create(configuration, stored, parseResult.GetValue(Namespace));
        var latest = (await store.GetLatestAsync(withFindings: false, cancellationToken)).ToDictionary(r => r.Target, StringComparer.Ordinal);
        var rows = plan.Checks.Where(c => c.Kind == CheckKind.Endpoint)
            .Select(c => new TargetRow(c, latest.GetValueOrDefault(c.Key)))
            .ToArray();
        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                TargetJsonWriter.WriteList(writer, rows, configuration.SourcePath, context.TimeProvider.GetUtcNow());
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        var table = new ConsoleTable("TARGET", "SOURCE", "NAMESPACE", "OWNER", "TAGS", "SCHEDULE", "LAST CHECK", "STATUS");
        foreach (var row in rows)
        {
            var target = row.Check.Target!;
            table.Add(
                row.Check.Key,
                TargetJsonWriter.SourceName(target.Source),
                target.Namespace,
                target.Owner ?? "-",
                target.Tags.Count == 0 ? "-" : string.Join(',', target.Tags),
                row.Check.Schedule.Text,
                row.Latest is null ? "never" : JsonOutput.FormatTime(row.Latest.CheckedAt),
                row.Latest is null ? "-" : TargetJsonWriter.StatusName(row.Latest.Status));
        }

        if (table.RowCount == 0)
        {
            await context.Out.WriteLineAsync("no targets: add one with 'certwright target add HOST[:PORT]' or list them in certwright.yaml");
            return ExitCodes.Ok;
        }

        table.Write(context.Out);
        return ExitCodes.Ok;
    }
}

/// <summary>A target as <c>target list</c> shows it: its resolved check and its latest result, if any.</summary>
internal sealed record TargetRow(PlannedCheck Check, CheckResult? Latest);
