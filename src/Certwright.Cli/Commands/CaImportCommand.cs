using System.CommandLine;
using System.Security.Cryptography;
using Certwright.Authority;
using Certwright.Cli.Output;
using Certwright.Internal;
using Certwright.Keys;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright ca import NAME --cert ISSUING.pem --key KEY.pem [--chain CHAIN.pem]</c>: an existing issuing CA taken into the
/// encrypted key store (DATA/keys) and the ledger, after checking it is a CA, the key is its key and the chain reaches a root.
/// </summary>
internal static class CaImportCommand
{
    /// <summary>A CA certificate or chain file larger than this is not one.</summary>
    private const long MaxCertificateBytes = 1024 * 1024;

    private static readonly Argument<string> Name = new("NAME") { Description = "The CA's name: lowercase letters, digits and '-'" };
    private static readonly Option<string> Cert = new("--cert") { Description = "The issuing CA certificate (PEM or DER); further certificates in the file start the chain", Required = true };
    private static readonly Option<string> Key = new("--key") { Description = "Its private key: PEM PKCS#8 (plain or encrypted) or traditional EC/RSA PEM", Required = true };
    private static readonly Option<string?> Chain = new("--chain") { Description = "The certificates above it, its issuer first, up to the self-signed root (not needed for a self-signed CA)" };
    private static readonly Option<string?> KeyPasswordFile = new("--key-password-file") { Description = "File whose first line decrypts an encrypted --key" };
    private static readonly Option<string?> PublicUrl = new("--public-url") { Description = "Base URL of 'certwright serve' put into issued certificates (AIA OCSP and caIssuers, CRL DP)" };
    private static readonly Option<string?> PassphraseFile = new("--key-passphrase-file") { Description = $"File whose first line encrypts the key in DATA/keys (else env {KeyPassphrase.EnvironmentVariable})" };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("import", "Import an existing issuing CA (certificate, chain and private key) into the key store and the ledger");
        command.Arguments.Add(Name);
        foreach (var option in new Option[] { Cert, Key, Chain, KeyPasswordFile, PublicUrl, PassphraseFile, Json })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var certPath = parseResult.GetValue(Cert)!;
        var keyPath = parseResult.GetValue(Key)!;
        var chainPath = parseResult.GetValue(Chain);
        var url = parseResult.GetValue(PublicUrl);
        Uri? publicUrl = null;
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out publicUrl))
        {
            throw new CertwrightException(ErrorKind.Usage, $"--public-url '{url}' is not an absolute URL such as http://ca.internal:8080");
        }

        var key = await BoundedFile.ReadAllBytesAsync(keyPath, MaxCertificateBytes, "CA key file", cancellationToken);
        var password = parseResult.GetValue(KeyPasswordFile) is { } passwordFile ? await PasswordAsync(passwordFile, cancellationToken) : null;
        try
        {
            var request = new AuthorityImport(
                parseResult.GetValue(Name)!,
                await BoundedFile.ReadAllBytesAsync(certPath, MaxCertificateBytes, "CA certificate file", cancellationToken),
                key)
            {
                CertificateSource = $"'{certPath}'",
                KeySource = $"'{keyPath}'",
                Chain = chainPath is null ? null : await BoundedFile.ReadAllBytesAsync(chainPath, MaxCertificateBytes, "chain file", cancellationToken),
                ChainSource = $"--chain '{chainPath}'",
                KeyPassword = password,
                PublicUrl = publicUrl,
            };
            await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
            using var passphrase = await KeyPassphrase.ResolveAsync(parseResult.GetValue(PassphraseFile), cancellationToken);
            var directory = KeyStoreOptions.KeyDirectory(parseResult);
            DataDirectory.EnsureExists(Path.GetDirectoryName(directory)!);
            var record = await new AuthorityImporter(store, context.TimeProvider).ImportAsync(request, new EncryptedFileKeyStore(directory, passphrase, context.TimeProvider), cancellationToken);
            await WriteAsync(context, parseResult, record, cancellationToken);
            return ExitCodes.Ok;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (password is not null)
            {
                Array.Clear(password);
            }
        }
    }

    private static async Task WriteAsync(CliContext context, ParseResult parseResult, AuthorityRecord record, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                CaJsonWriter.WriteCreated(writer, record);
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return;
        }

        var view = CaView.Of(record);
        await context.Out.WriteLineAsync(
            $"imported CA '{record.Name}' ({view.KeyType}, key encrypted in DATA/keys): issuing CA '{ConsoleTable.Sanitize(view.Subject)}' valid until {JsonOutput.FormatTime(view.NotAfter)}, {record.Chain.Count} chain certificate(s); 'certwright issue --ca {record.Name}' issues from it");
    }

    private static async Task<char[]> PasswordAsync(string file, CancellationToken cancellationToken)
    {
        var bytes = await BoundedFile.ReadAllBytesAsync(file, 4096, "key password file", cancellationToken);
        try
        {
            var text = System.Text.Encoding.UTF8.GetChars(bytes);
            var end = Array.FindIndex(text, c => c is '\n' or '\r');
            var line = text.AsSpan(0, end < 0 ? text.Length : end).ToArray();
            Array.Clear(text);
            return line.Length > 0 ? line : throw new CertwrightException(ErrorKind.Usage, $"key password file '{file}' is empty; put the key's password on its first line");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
