using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
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
        // Bad arguments get the same one line on stderr as every other error (scripts read it; help goes with --help).
        // Nagios treats anything but 0-3 as UNKNOWN garbage: a scan with bad arguments must say UNKNOWN (3).
        var unknownOption = UnknownOption(parseResult);
        if ((parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction) || unknownOption is not null)
        {
            var command = parseResult.CommandResult.Command;
            var help = $"{string.Join(' ', CommandPath(parseResult.CommandResult))} --help";
            var messages = unknownOption is null
                ? parseResult.Errors.Select(e => e.Message.Trim().TrimEnd('.'))
                : [$"Unrecognized option '{unknownOption}' (a file or host whose name starts with '-' goes after '--')"];
            var errors = Output.ConsoleTable.Sanitize(string.Join("; ", messages));
            await Console.Error.WriteLineAsync($"certwright: {errors}; see '{help}'");
            return command.Name is ScanCommand.Name or MonitorCommand.Name or ProbeCommand.Name ? ExitCodes.NagiosUnknown : ExitCodes.Error;
        }

        // A stopping monitor finishes the checks in flight, a stopping server its requests: give them their drain time, not the default 2 s.
        var invocation = parseResult.CommandResult.Command.Name switch
        {
            MonitorCommand.Name => new InvocationConfiguration { ProcessTerminationTimeout = MonitorCommand.TerminationTimeout },
            ServeCommand.Name => new InvocationConfiguration { ProcessTerminationTimeout = ServeCommand.TerminationTimeout },
            _ => null,
        };
        return await parseResult.InvokeAsync(invocation);
    }

    /// <summary>"certwright target add" for a subcommand, not only "add".</summary>
    private static IEnumerable<string> CommandPath(CommandResult? result) =>
        result is null ? [] : result.Command is RootCommand ? ["certwright"] : [.. CommandPath(result.Parent as CommandResult), result.Command.Name];

    /// <summary>
    /// The parser gives a command's own arguments (<c>scan HOST...</c>, <c>import PATH...</c>, <c>show FINGERPRINT</c>)
    /// every token no option claims, so a mistyped <c>--conect-timeout</c> would be scanned as a host or read as a file.
    /// A token that looks like an option is refused instead, unless it follows <c>--</c>.
    /// </summary>
    private static string? UnknownOption(ParseResult parseResult)
    {
        if (parseResult.Tokens.Any(t => t.Type == TokenType.DoubleDash))
        {
            return null;
        }

        return parseResult.CommandResult.Children
            .OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value)
            .FirstOrDefault(v => v.Length > 1 && v[0] == '-' && !double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    private static IEnumerable<Command> Commands() =>
    [
        ScanCommand.Create(),
        ProbeCommand.Create(),
        ListCommand.Create(),
        ImportCommand.Create(),
        ShowCommand.Create(),
        VerifyCommand.Create(),
        TargetCommand.Create(),
        MonitorCommand.Create(),
        AuditCommand.Create(),
        KeyCommand.Create(),
        CaCommand.Create(),
        IssueCommand.Create(),
        RevokeCommand.Create(),
        CrlCommand.Create(),
        OcspCommand.Create(),
        ServeCommand.Create(),
        ManagedCommand.Create(),
        RenewCommand.Create(),
    ];
}
