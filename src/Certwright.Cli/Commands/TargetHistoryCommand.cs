using System.CommandLine;
using Certwright.Cli.Output;
using Certwright.Inventory;
using Certwright.Monitoring.Configuration;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright target history HOST[:PORT] [--sni N] [--limit N] [--json]</c>: the recorded checks and certificate changes of one endpoint.</summary>
internal static class TargetHistoryCommand
{
    private const int DefaultLimit = 50;

    private static readonly Argument<string> Endpoint = TargetOptions.Endpoint();
    private static readonly Option<string?> Sni = TargetOptions.Sni();
    private static readonly Option<string?> StartTls = TargetOptions.StartTls();
    private static readonly Option<int> Limit = new("--limit") { Description = $"At most this many checks, newest first (default {DefaultLimit})", CustomParser = WholeNumber.Parse, DefaultValueFactory = _ => DefaultLimit };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("history", "Show the recorded checks and certificate changes of one endpoint, newest first");
        command.Arguments.Add(Endpoint);
        foreach (var option in new Option[] { Sni, StartTls, Limit, Json })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var limit = parseResult.GetValue(Limit);
        if (limit < 1)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--limit must be at least 1 (got {limit})");
        }

        var endpoint = TargetOptions.Parse(parseResult.GetValue(Endpoint)!, parseResult.GetValue(StartTls), parseResult.GetValue(Sni));
        var key = MonitorTarget.KeyOf(endpoint);
        var monitor = await context.OpenMonitorStoreAsync(cancellationToken);
        var checks = await monitor.GetHistoryAsync(key, limit, cancellationToken);
        var inventory = await context.OpenStoreAsync(cancellationToken);
        var location = new SightingLocation(SightingKind.Endpoint, endpoint.ToString(), endpoint.ServerName);
        var events = await inventory.GetEndpointEventsAsync(location, limit, cancellationToken);
        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                TargetJsonWriter.WriteHistory(writer, key, checks, events, context.TimeProvider.GetUtcNow());
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        if (checks.Count == 0 && events.Count == 0)
        {
            await context.Out.WriteLineAsync($"no checks recorded for {key}");
            return ExitCodes.Ok;
        }

        var table = new ConsoleTable("CHECKED AT", "STATUS", "LEAF", "MS", "ERROR");
        foreach (var check in checks)
        {
            table.Add(
                JsonOutput.FormatTime(check.CheckedAt),
                TargetJsonWriter.StatusName(check.Status),
                check.LeafSha256?[..16] ?? "-",
                ((long)check.Duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                check.Error ?? "-");
        }

        table.Write(context.Out);
        if (events.Count > 0)
        {
            await context.Out.WriteLineAsync();
            var changes = new ConsoleTable("CERTIFICATE EVENT", "AT", "FROM", "TO");
            foreach (var e in events)
            {
                changes.Add(
                    e.Kind == EndpointEventKind.FirstSeen ? "first-seen" : "certificate-changed",
                    JsonOutput.FormatTime(e.OccurredAt),
                    e.PreviousSha256?[..16] ?? "-",
                    e.CurrentSha256[..16]);
            }

            changes.Write(context.Out);
        }

        return ExitCodes.Ok;
    }
}
