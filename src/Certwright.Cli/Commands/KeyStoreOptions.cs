using System.CommandLine;
using Certwright.Keys;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary>
/// The options that choose and open a key store, shared by <c>key generate</c> and <c>key list</c>:
/// <c>--store file</c> (encrypted PKCS#8 files in DATA/keys) or <c>--store pkcs11</c> (an HSM token).
/// </summary>
internal sealed class KeyStoreOptions
{
    public const string FileStore = "file";
    public const string Pkcs11Store = "pkcs11";

    public Option<string> Store { get; } = new("--store")
    {
        Description = "Where keys live: file (encrypted PKCS#8 in DATA/keys, the default) or pkcs11 (an HSM token)",
        DefaultValueFactory = _ => FileStore,
    };

    public Option<string?> Module { get; } = new("--pkcs11-module") { Description = "PKCS#11 library of the HSM (with --store pkcs11), e.g. /usr/lib/softhsm/libsofthsm2.so" };

    public Option<string?> Token { get; } = new("--pkcs11-token") { Description = "Label of the token holding the keys (with --store pkcs11)" };

    public Option<string?> PinFile { get; } = new("--pkcs11-pin-file") { Description = "File whose first line is the token's user PIN (with --store pkcs11)" };

    public Option<string?> PassphraseFile { get; } = new("--key-passphrase-file") { Description = $"File whose first line encrypts the key files (with --store file; else env {KeyPassphrase.EnvironmentVariable})" };

    public void AddTo(Command command, bool withPassphrase)
    {
        Store.AcceptOnlyFromAmong(FileStore, Pkcs11Store);
        command.Options.Add(Store);
        command.Options.Add(Module);
        command.Options.Add(Token);
        command.Options.Add(PinFile);
        if (withPassphrase)
        {
            command.Options.Add(PassphraseFile);
        }
    }

    public bool IsPkcs11(ParseResult parseResult) => parseResult.GetValue(Store) == Pkcs11Store;

    /// <summary>Opens the PKCS#11 store named by the options; every one of the three is required.</summary>
    public Task<Pkcs11KeyStore> OpenPkcs11Async(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var module = parseResult.GetValue(Module);
        var token = parseResult.GetValue(Token);
        var pinFile = parseResult.GetValue(PinFile);
        if (string.IsNullOrWhiteSpace(module) || string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(pinFile))
        {
            throw new CertwrightException(ErrorKind.Usage, "--store pkcs11 needs --pkcs11-module LIB, --pkcs11-token LABEL and --pkcs11-pin-file FILE");
        }

        return Pkcs11KeyStore.OpenAsync(new Pkcs11Options(module, token, pinFile), cancellationToken);
    }

    /// <summary>The key directory of the data directory (<c>DATA/keys</c>).</summary>
    public static string KeyDirectory(ParseResult parseResult) =>
        Path.Combine(DataDirectory.Resolve(parseResult.GetValue(CliOptions.Data)), EncryptedFileKeyStore.DefaultFolderName);

    /// <summary>Refuses PKCS#11 options given with the file store: a silently ignored --pkcs11-token would put a CA key on disk.</summary>
    public void RefusePkcs11OptionsForFileStore(ParseResult parseResult)
    {
        if (!IsPkcs11(parseResult) && (parseResult.GetValue(Module) ?? parseResult.GetValue(Token) ?? parseResult.GetValue(PinFile)) is not null)
        {
            throw new CertwrightException(ErrorKind.Usage, "--pkcs11-module, --pkcs11-token and --pkcs11-pin-file need --store pkcs11");
        }
    }
}
