using System.CommandLine;
using Certwright.Authority;
using Certwright.Keys;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary>Opens the CA ledger of the data directory, and a CA's signing key from where its record says it lives.</summary>
internal static class CaLedger
{
    public static Task<IAuthorityStore> OpenAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken) =>
        AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = parseResult.GetValue(CliOptions.Data) }, context.TimeProvider, cancellationToken);

    /// <exception cref="CertwrightException">Usage: no such CA.</exception>
    public static async Task<AuthorityRecord> FindAsync(IAuthorityStore store, string name, CancellationToken cancellationToken) =>
        await store.FindAuthorityAsync(name, cancellationToken)
        ?? throw new CertwrightException(ErrorKind.Usage, $"no CA named '{name}'; 'certwright ca list' shows them, 'certwright ca init {name}' creates it");

    /// <summary>Opens the issuing key: the key file store (passphrase file or env) or the HSM the record names (PIN file).</summary>
    public static async Task<SigningAuthority> OpenSigningAsync(
        AuthorityRecord record, ParseResult parseResult, CliContext context, string? passphraseFile, string? pinFile, CancellationToken cancellationToken)
    {
        if (record.IssuingKey.Pkcs11 is { } location)
        {
            if (string.IsNullOrWhiteSpace(pinFile))
            {
                throw new CertwrightException(ErrorKind.Usage, $"CA '{record.Name}' keeps its key in PKCS#11 token '{location.TokenLabel}'; give --pkcs11-pin-file FILE");
            }

            using var hsm = await Pkcs11KeyStore.OpenAsync(new Pkcs11Options(location.ModulePath, location.TokenLabel, pinFile), cancellationToken);
            return new SigningAuthority(record, await hsm.OpenAsync(record.IssuingKey.KeyId, cancellationToken));
        }

        using var passphrase = await KeyPassphrase.ResolveAsync(passphraseFile, cancellationToken);
        var keys = new EncryptedFileKeyStore(KeyStoreOptions.KeyDirectory(parseResult), passphrase, context.TimeProvider);
        return new SigningAuthority(record, await keys.OpenAsync(record.IssuingKey.KeyId, cancellationToken));
    }

    public static string Pem(byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";
}
