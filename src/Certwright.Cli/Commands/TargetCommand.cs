using System.CommandLine;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright target add|remove|list|history</c>: the endpoints <c>monitor</c> checks besides those of the
/// configuration file. Added targets live in the inventory database.
/// </summary>
internal static class TargetCommand
{
    private static readonly Argument<string> AddEndpoint = TargetOptions.Endpoint();
    private static readonly Option<string?> AddSni = TargetOptions.Sni();
    private static readonly Option<string?> AddStartTls = TargetOptions.StartTls();
    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Namespace (team, environment) of the target" };
    private static readonly Option<string?> Owner = new("--owner") { Description = "Who answers for the target" };
    private static readonly Option<string[]> Tags = new("--tag") { Description = "A label; repeat for more", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<int?> Warning = new("--warning", "-w") { Description = "WARNING when the leaf expires within this many days (default: the configuration's, 30)", CustomParser = WholeNumber.ParseOrNull };
    private static readonly Option<int?> Critical = new("--critical", "-c") { Description = "CRITICAL when the leaf expires within this many days (default: the configuration's, 7)", CustomParser = WholeNumber.ParseOrNull };
    private static readonly Option<string?> Every = new("--every") { Description = "Check at this interval (e.g. 15m, 6h, 1d) instead of the default schedule" };
    private static readonly Option<string?> Schedule = new("--schedule") { Description = "Check on this cron schedule (five fields, UTC) instead of the default" };

    private static readonly Argument<string> RemoveEndpoint = TargetOptions.Endpoint();
    private static readonly Option<string?> RemoveSni = TargetOptions.Sni();
    private static readonly Option<string?> RemoveStartTls = TargetOptions.StartTls();
    private static readonly Option<string?> RemoveConfig = TargetOptions.Config();

    public static Command Create()
    {
        var command = new Command("target", "Manage the endpoints 'certwright monitor' checks");
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateRemove());
        command.Subcommands.Add(TargetListCommand.Create());
        command.Subcommands.Add(TargetHistoryCommand.Create());
        return command;
    }

    private static Command CreateAdd()
    {
        var command = new Command("add", "Add an endpoint to monitor (replaces the settings of one already added)");
        command.Arguments.Add(AddEndpoint);
        foreach (var option in new Option[] { AddSni, AddStartTls, Namespace, Owner, Tags, Warning, Critical, Every, Schedule })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(Every) is not null && result.GetValue(Schedule) is not null)
            {
                result.AddError("--every and --schedule cannot be combined; choose one");
            }
        });
        command.SetAction(CommandRunner.Guard(AddAsync));
        return command;
    }

    private static Command CreateRemove()
    {
        var command = new Command("remove", "Stop monitoring an endpoint added with 'target add' (its check history stays)");
        command.Arguments.Add(RemoveEndpoint);
        command.Options.Add(RemoveSni);
        command.Options.Add(RemoveStartTls);
        command.Options.Add(RemoveConfig);
        command.SetAction(CommandRunner.Guard(RemoveAsync));
        return command;
    }

    private static async Task<int> AddAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var endpoint = TargetOptions.Parse(parseResult.GetValue(AddEndpoint)!, parseResult.GetValue(AddStartTls), parseResult.GetValue(AddSni));
        var target = new MonitorTarget
        {
            Endpoint = endpoint,
            Namespace = Text(parseResult.GetValue(Namespace), "--namespace") ?? Inventory.SightingLocation.DefaultNamespace,
            Owner = Text(parseResult.GetValue(Owner), "--owner"),
            Tags = (parseResult.GetValue(Tags) ?? []).Select(t => Tag(t)).Distinct(StringComparer.Ordinal).ToArray(),
            Thresholds = Thresholds(parseResult.GetValue(Warning), parseResult.GetValue(Critical)),
            Schedule = ScheduleOf(parseResult.GetValue(Every), parseResult.GetValue(Schedule)),
            Source = TargetSource.Cli,
        };
        var store = await context.OpenMonitorStoreAsync(cancellationToken);
        var added = await store.AddTargetAsync(target, cancellationToken);
        await context.Out.WriteLineAsync($"{(added ? "added" : "updated")} target {target.Key} (namespace {target.Namespace})");
        return ExitCodes.Ok;
    }

    private static async Task<int> RemoveAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var endpoint = TargetOptions.Parse(parseResult.GetValue(RemoveEndpoint)!, parseResult.GetValue(RemoveStartTls), parseResult.GetValue(RemoveSni));
        var key = MonitorTarget.KeyOf(endpoint);
        var store = await context.OpenMonitorStoreAsync(cancellationToken);
        if (await store.RemoveTargetAsync(endpoint, cancellationToken))
        {
            await context.Out.WriteLineAsync($"removed target {key}");
            return ExitCodes.Ok;
        }

        var configuration = await context.LoadConfigurationAsync(parseResult.GetValue(RemoveConfig), cancellationToken);
        if (configuration.Targets.FirstOrDefault(t => t.Key == key) is { } listed)
        {
            throw new CertwrightException(ErrorKind.Usage, $"target {key} is defined in {listed.Origin}, not by 'target add'; remove it from that file");
        }

        throw new CertwrightException(ErrorKind.Usage, $"no target {key} was added; 'certwright target list' shows the targets (give --sni as when it was added)");
    }

    private static string? Text(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length is > 0 and <= 253 && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw new CertwrightException(ErrorKind.Usage, $"{option} must be one line of 1 to 253 characters");
    }

    private static string Tag(string value)
    {
        var tag = Text(value, "--tag")!;
        return tag.Contains(',', StringComparison.Ordinal)
            ? throw new CertwrightException(ErrorKind.Usage, $"--tag '{tag}' contains a comma; repeat --tag for each label")
            : tag;
    }

    private static ExpiryThresholds? Thresholds(int? warning, int? critical) => (warning, critical) switch
    {
        (null, null) => null,
        ({ } w, null) => ExpiryThresholds.Create(w, Math.Min(w, (int)ExpiryThresholds.Default.Critical.TotalDays)),
        (null, { } c) => ExpiryThresholds.Create(Math.Max(c, (int)ExpiryThresholds.Default.Warning.TotalDays), c),
        ({ } w, { } c) => ExpiryThresholds.Create(w, c),
    };

    private static CheckSchedule? ScheduleOf(string? every, string? cron)
    {
        try
        {
            return every is not null ? CheckSchedule.Parse("every " + every) : cron is not null ? CheckSchedule.Cron(cron) : null;
        }
        catch (FormatException e)
        {
            throw new CertwrightException(ErrorKind.Usage, every is not null
                ? $"--every '{every}': {e.Message}"
                : $"--schedule '{cron}' is not a cron expression ({e.Message}); use five fields such as '0 */6 * * *'", e);
        }
    }
}
