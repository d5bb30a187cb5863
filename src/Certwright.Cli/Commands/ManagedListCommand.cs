using System.CommandLine;
using Certwright.Cli.Output;
using Certwright.Renewal;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright managed list [--namespace NS] [--json]</c>: each managed certificate with its expiry, next renewal and last result.</summary>
internal static class ManagedListCommand
{
    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Only this namespace" };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("list", "List the managed certificates, their expiry, next renewal and last result");
        command.Options.Add(Namespace);
        command.Options.Add(Json);
        command.SetAction(CommandRunner.Guard(ListAsync));
        return command;
    }

    private static async Task<int> ListAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var store = await context.OpenManagedStoreAsync(cancellationToken);
        var entries = await store.ListAsync(parseResult.GetValue(Namespace), cancellationToken);
        var now = context.TimeProvider.GetUtcNow();
        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                ManagedJsonWriter.WriteList(writer, entries, now);
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        if (entries.Count == 0)
        {
            await context.Out.WriteLineAsync("no managed certificates: add one with 'certwright managed add NAME --ca CA --profile server --domain D --deploy-dir DIR'");
            return ExitCodes.Ok;
        }

        var table = new ConsoleTable("NAME", "NAMESPACE", "SOURCE", "DOMAINS", "EXPIRES", "NEXT RENEWAL", "LAST RESULT");
        foreach (var (managed, state) in entries)
        {
            var decision = RenewalPlanner.Decide(managed, state, null, now);
            table.Add(
                managed.Name,
                managed.Namespace,
                managed.Source.Describe(),
                string.Join(',', managed.Domains),
                state.NotAfter is { } notAfter ? JsonOutput.FormatTime(notAfter) : "-",
                decision.Due ? "due now" : decision.RenewAt is { } at ? JsonOutput.FormatTime(at) : "-",
                state.LastResult ?? "never");
        }

        table.Write(context.Out);
        return ExitCodes.Ok;
    }
}
