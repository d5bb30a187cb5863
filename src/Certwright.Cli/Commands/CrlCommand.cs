using System.CommandLine;
using Certwright.Authority.Crl;
using Certwright.Internal;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright crl NAME [--out FILE] [--der]</c>: prints (or writes) a CA's current CRL. The published one in
/// DATA/crl is reused while it is fresh; when it is due, missing, or older than a revocation, a new one is signed
/// (which opens the CA key) and published first.
/// </summary>
internal static class CrlCommand
{
    public const string Name = "crl";

    private static readonly Argument<string> Authority = new("NAME") { Description = "The CA (as `certwright ca list` shows)" };
    private static readonly Option<string?> Out = new("--out") { Description = "Write the CRL to FILE (replaced atomically) instead of standard output" };
    private static readonly Option<bool> Der = new("--der") { Description = "DER instead of PEM" };
    private static readonly Option<string?> PassphraseFile = new KeyStoreOptions().PassphraseFile;
    private static readonly Option<string?> PinFile = new("--pkcs11-pin-file") { Description = "PIN file of the HSM token, for a CA whose key lives in one" };

    public static Command Create()
    {
        var command = new Command(Name, "Print a CA's current CRL as PEM, signing a new one when it is due");
        command.Arguments.Add(Authority);
        command.Options.Add(Out);
        command.Options.Add(Der);
        command.Options.Add(PassphraseFile);
        command.Options.Add(PinFile);
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetValue(Authority)!;
        if (!CrlFiles.IsValidName(name))
        {
            throw new CertwrightException(ErrorKind.Usage, $"'{name}' is not a CA name; `certwright ca list` shows the CAs");
        }

        var dataDirectory = DataDirectory.Resolve(parseResult.GetValue(CliOptions.Data));
        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var record = await store.FindAuthorityAsync(name, cancellationToken)
            ?? throw new CertwrightException(ErrorKind.Usage, $"no CA named '{name}'; `certwright ca list` shows the CAs");
        var publisher = new CrlPublisher(dataDirectory, new CrlOptions(), context.TimeProvider);
        var crl = await publisher.FreshCurrentAsync(name, store, cancellationToken);
        if (crl is null)
        {
            await using var keys = CaKeys.From(parseResult, PassphraseFile, PinFile, context.TimeProvider);
            using var authority = await keys.OpenAsync(record, cancellationToken);
            crl = await publisher.PublishAsync(authority, store, cancellationToken);
        }

        var bytes = parseResult.GetValue(Der) ? crl.Der : System.Text.Encoding.ASCII.GetBytes(crl.ToPem());
        var outFile = parseResult.GetValue(Out);
        if (outFile is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(bytes, cancellationToken);
            return ExitCodes.Ok;
        }

        await AtomicFile.WriteAsync(outFile, bytes, unixMode: null, overwrite: true, cancellationToken);
        await context.Out.WriteLineAsync(
            $"wrote CRL number {crl.Number} of CA '{name}' ({crl.EntryCount} revoked, next update {crl.NextUpdate:yyyy-MM-ddTHH:mm:ssZ}) to '{Output.ConsoleTable.Sanitize(outFile)}'");
        return ExitCodes.Ok;
    }
}
