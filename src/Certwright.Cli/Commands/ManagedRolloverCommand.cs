using System.CommandLine;
using Certwright.Acme.Client;
using Certwright.Renewal;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright managed rollover-key NAME</c>: replaces the ACME account key that managed certificate NAME renews with
/// (RFC 8555 §7.3.5 key change); the new key is on disk before the CA switches to it.
/// </summary>
internal static class ManagedRolloverCommand
{
    private static readonly Argument<string> Name = new("NAME") { Description = "A managed certificate from an ACME CA; its account at that CA gets a new key" };

    public static Command Create()
    {
        var command = new Command("rollover-key", "Replace the ACME account key of a managed certificate's CA account (RFC 8555 key change)");
        command.Arguments.Add(Name);
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetValue(Name)!;
        var managed = (await ManagedInput.FindAsync(context, name, cancellationToken)).Certificate;
        if (managed.Source is not AcmeSourceSpec acme)
        {
            throw new CertwrightException(ErrorKind.Usage, $"managed certificate '{name}' comes from {managed.Source.Describe()}, not an ACME CA; it has no account key");
        }

        using var sources = new AcmeSources(context.DataDirectoryPath, context.TimeProvider);
        var source = (AcmeCertificateSource)sources.Get(acme, managed);
        var thumbprint = await source.RollOverAccountKeyAsync(cancellationToken);
        await context.Out.WriteLineAsync($"rolled over the account key at {acme.DirectoryUrl}: new key thumbprint {thumbprint} (RFC 7638); every managed certificate of that CA uses it");
        return ExitCodes.Ok;
    }
}
