using System.CommandLine;
using Certwright.Cli.Output;
using Certwright.Keys;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright key generate|list</c>: keys for the private CA, as encrypted PKCS#8 files in DATA/keys or
/// inside an HSM token. Key material is never printed; only ids, labels, types and public-key fingerprints.
/// </summary>
internal static class KeyCommand
{
    private static readonly KeyStoreOptions GenerateStore = new();
    private static readonly Option<string> Type = new("--type") { Description = $"Key algorithm: {KeyTypes.NameList}", Required = true };
    private static readonly Option<string> Label = new("--label") { Description = "A name for the key (1-64 printable characters)", Required = true };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("key", "Generate and list the keys the private CA signs with (encrypted files or an HSM)");
        command.Subcommands.Add(CreateGenerate());
        command.Subcommands.Add(KeyListCommand.Create());
        return command;
    }

    private static Command CreateGenerate()
    {
        var command = new Command("generate", "Generate a key pair in the key store and print its id");
        command.Options.Add(Type);
        command.Options.Add(Label);
        GenerateStore.AddTo(command, withPassphrase: true);
        command.Options.Add(Json);
        command.SetAction(CommandRunner.Guard(GenerateAsync));
        return command;
    }

    private static async Task<int> GenerateAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var type = KeyTypes.Parse(parseResult.GetValue(Type));
        var label = parseResult.GetValue(Label)!;
        if (GenerateStore.IsPkcs11(parseResult))
        {
            using var store = await GenerateStore.OpenPkcs11Async(parseResult, cancellationToken);
            using var key = await store.GenerateAsync(type, label, cancellationToken);
            var hsmInfo = new KeyInfo(key.Id, label, key.Type, KeyStoreKind.Pkcs11, Created: null, Extractable: false);
            var token = $"PKCS#11 token '{parseResult.GetValue(GenerateStore.Token)}'";
            await WriteAsync(context, parseResult, hsmInfo, key.SubjectPublicKeyInfo, token, cancellationToken);
            return ExitCodes.Ok;
        }

        GenerateStore.RefusePkcs11OptionsForFileStore(parseResult);
        using var passphrase = await KeyPassphrase.ResolveAsync(parseResult.GetValue(GenerateStore.PassphraseFile), cancellationToken);
        var directory = KeyStoreOptions.KeyDirectory(parseResult);
        DataDirectory.EnsureExists(Path.GetDirectoryName(directory)!);
        var fileStore = new EncryptedFileKeyStore(directory, passphrase, context.TimeProvider);
        using (var key = await fileStore.GenerateAsync(type, label, cancellationToken))
        {
            // The header's record, so the creation time printed is the one `key list` shows.
            var info = await fileStore.DescribeAsync(key.Id, cancellationToken);
            var where = $"'{Path.Combine(directory, key.Id + ".key")}'";
            await WriteAsync(context, parseResult, info, key.SubjectPublicKeyInfo, where, cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static async Task WriteAsync(CliContext context, ParseResult parseResult, KeyInfo info, byte[] subjectPublicKeyInfo, string where, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                KeyJsonWriter.WriteGenerated(writer, info, subjectPublicKeyInfo);
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return;
        }

        await context.Out.WriteLineAsync(
            $"generated {KeyTypes.Format(info.Type)} key '{ConsoleTable.Sanitize(info.Label)}' id {info.Id} in {ConsoleTable.Sanitize(where)} (public key SHA-256 {KeyJsonWriter.PublicKeySha256(subjectPublicKeyInfo)})");
    }
}
