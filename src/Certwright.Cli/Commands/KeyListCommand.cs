using System.CommandLine;
using Certwright.Cli.Output;
using Certwright.Keys;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright key list [--store file|pkcs11 ...] [--json]</c>: the keys of a store, without opening (decrypting) them.</summary>
internal static class KeyListCommand
{
    private static readonly KeyStoreOptions StoreOptions = new();
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("list", "List the keys in the key store (no passphrase needed for key files)");
        StoreOptions.AddTo(command, withPassphrase: false);
        command.Options.Add(Json);
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        List<KeyInfo> keys;
        if (StoreOptions.IsPkcs11(parseResult))
        {
            using var hsm = await StoreOptions.OpenPkcs11Async(parseResult, cancellationToken);
            keys = await hsm.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        }
        else
        {
            StoreOptions.RefusePkcs11OptionsForFileStore(parseResult);
            // Listing reads only the plaintext header lines of each file: no passphrase, nothing decrypted.
            var store = new EncryptedFileKeyStore(KeyStoreOptions.KeyDirectory(parseResult), passphrase: null, context.TimeProvider);
            keys = await store.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        }

        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                KeyJsonWriter.WriteList(writer, keys, context.TimeProvider.GetUtcNow());
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        if (keys.Count == 0)
        {
            await context.Out.WriteLineAsync("no keys: generate one with 'certwright key generate --type ec-p256 --label NAME'");
            return ExitCodes.Ok;
        }

        var table = new ConsoleTable("ID", "LABEL", "TYPE", "STORE", "CREATED", "EXTRACTABLE");
        foreach (var key in keys)
        {
            table.Add(
                key.Id,
                key.Label,
                KeyTypes.Format(key.Type),
                KeyJsonWriter.StoreName(key.Store),
                key.Created is { } created ? JsonOutput.FormatTime(created) : "-",
                key.Extractable ? "yes" : "no");
        }

        table.Write(context.Out);
        return ExitCodes.Ok;
    }
}
