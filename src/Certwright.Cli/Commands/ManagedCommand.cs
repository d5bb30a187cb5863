using System.CommandLine;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright managed add|list|remove|rollover-key</c>: the certificates <c>renew</c> keeps alive.</summary>
internal static class ManagedCommand
{
    private static readonly Argument<string> RemoveName = new("NAME") { Description = "The managed certificate to remove" };

    public static Command Create()
    {
        var command = new Command("managed", "Manage the certificates 'certwright renew' renews and deploys");
        command.Subcommands.Add(ManagedAddCommand.Create());
        command.Subcommands.Add(ManagedListCommand.Create());
        command.Subcommands.Add(CreateRemove());
        command.Subcommands.Add(ManagedRolloverCommand.Create());
        return command;
    }

    private static Command CreateRemove()
    {
        var command = new Command("remove", "Stop managing a certificate (deployed files stay where they are)");
        command.Arguments.Add(RemoveName);
        command.SetAction(CommandRunner.Guard(RemoveAsync));
        return command;
    }

    private static async Task<int> RemoveAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetValue(RemoveName)!;
        var store = await context.OpenManagedStoreAsync(cancellationToken);
        if (!await store.RemoveAsync(name, cancellationToken))
        {
            throw new CertwrightException(ErrorKind.Usage, $"no managed certificate named '{name}'; 'certwright managed list' shows them");
        }

        await context.Out.WriteLineAsync($"removed managed certificate {name}; its deployed files stay in place");
        return ExitCodes.Ok;
    }
}
