using System.CommandLine;
using Certwright.Cli.Commands;

namespace Certwright.Cli;

/// <summary>The command tree. Names and flags follow the CLI contract in docs/cli.md; scripts depend on them.</summary>
internal static class CliApplication
{
    /// <summary>
    /// No response files: an argument starting with '@' is a value (<c>verify --at @UNIXSECONDS</c>, a file named
    /// @x), never a file of further arguments to read.
    /// </summary>
    public static readonly ParserConfiguration ParserConfiguration = new() { ResponseFileTokenReplacer = null };

    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Certwright: find, track, validate and renew X.509 certificates.");
        root.Options.Add(CliOptions.Data);
        root.Options.Add(CliOptions.Database);
        root.Options.Add(CliOptions.Verbose);
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> InvokeAsync(ParseResult parseResult)
    {
        // Nagios treats anything but 0-3 as UNKNOWN garbage: a scan with bad arguments must say UNKNOWN (3).
        if (parseResult.Errors.Count > 0 && parseResult.CommandResult.Command.Name == ScanCommand.Name)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync($"certwright scan: {error.Message}");
            }

            return ExitCodes.NagiosUnknown;
        }

        return await parseResult.InvokeAsync();
    }

    private static IEnumerable<Command> Commands() =>
    [
        ScanCommand.Create(),
        ListCommand.Create(),
        ImportCommand.Create(),
        ShowCommand.Create(),
        VerifyCommand.Create(),
    ];
}
