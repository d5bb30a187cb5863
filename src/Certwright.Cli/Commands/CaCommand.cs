using System.CommandLine;
using Certwright.Cli.Output;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright ca init|import|list|cert</c>: the private CAs of the data directory.</summary>
internal static class CaCommand
{
    private static readonly Argument<string> CertName = new("NAME") { Description = "The CA's name" };
    private static readonly Option<bool> Root = new("--root") { Description = "Print the root certificate instead of the issuing intermediate" };
    private static readonly Option<bool> ListJson = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("ca", "Create and inspect private CAs (a root and an issuing intermediate each)");
        command.Subcommands.Add(CaInitCommand.Create());
        command.Subcommands.Add(CaImportCommand.Create());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateCert());
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List the CAs");
        command.Options.Add(ListJson);
        command.SetAction(CommandRunner.Guard(ListAsync));
        return command;
    }

    private static Command CreateCert()
    {
        var command = new Command("cert", "Print a CA certificate as PEM (the issuing intermediate, or --root)");
        command.Arguments.Add(CertName);
        command.Options.Add(Root);
        command.SetAction(CommandRunner.Guard(CertAsync));
        return command;
    }

    private static async Task<int> ListAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var authorities = await store.ListAuthoritiesAsync(cancellationToken);
        if (parseResult.GetValue(ListJson))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                CaJsonWriter.WriteList(writer, authorities);
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        if (authorities.Count == 0)
        {
            await context.Out.WriteLineAsync("no CAs: create one with 'certwright ca init NAME'");
            return ExitCodes.Ok;
        }

        var table = new ConsoleTable("NAME", "KEY", "STORE", "ISSUING CA", "EXPIRES", "PUBLIC URL");
        foreach (var authority in authorities)
        {
            var view = CaView.Of(authority);
            table.Add(authority.Name, view.KeyType, view.Store, view.Subject, JsonOutput.FormatTime(view.NotAfter), authority.PublicUrl?.AbsoluteUri ?? "-");
        }

        table.Write(context.Out);
        return ExitCodes.Ok;
    }

    private static async Task<int> CertAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var record = await CaLedger.FindAsync(store, parseResult.GetValue(CertName)!, cancellationToken);
        await context.Out.WriteAsync(CaLedger.Pem(parseResult.GetValue(Root) ? CaLedger.RootOf(record) : record.IssuingCertificate));
        return ExitCodes.Ok;
    }
}
