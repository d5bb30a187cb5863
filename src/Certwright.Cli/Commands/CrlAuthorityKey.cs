using System.CommandLine;
using Certwright.Authority;
using Certwright.Keys;

namespace Certwright.Cli.Commands;

/// <summary>
/// Opens a CA's issuing key where its record says it lives: DATA/keys (passphrase from <c>--key-passphrase-file</c> or
/// the environment) or the HSM token of the record (PIN from <c>--pkcs11-pin-file</c>). Holds the HSM session open
/// while the key is in use.
/// </summary>
internal sealed class CrlAuthorityKey : IDisposable
{
    private readonly Pkcs11KeyStore? _hsm;

    private CrlAuthorityKey(SigningAuthority authority, Pkcs11KeyStore? hsm)
    {
        Authority = authority;
        _hsm = hsm;
    }

    public SigningAuthority Authority { get; }

    public static async Task<CrlAuthorityKey> OpenAsync(AuthorityRecord record, KeyStoreOptions options, ParseResult parseResult, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var reference = record.IssuingKey;
        if (reference.Store == KeyStoreKind.Pkcs11)
        {
            var location = reference.Pkcs11
                ?? throw new CertwrightException(ErrorKind.State, $"CA '{record.Name}' has an HSM key without its module and token; re-import the CA");
            var pinFile = parseResult.GetValue(options.PinFile)
                ?? throw new CertwrightException(ErrorKind.Usage, $"the key of CA '{record.Name}' is in PKCS#11 token '{location.TokenLabel}'; give --pkcs11-pin-file FILE");
            var hsm = await Pkcs11KeyStore.OpenAsync(new Pkcs11Options(location.ModulePath, location.TokenLabel, pinFile), cancellationToken);
            try
            {
                return new CrlAuthorityKey(new SigningAuthority(record, await hsm.OpenAsync(reference.KeyId, cancellationToken)), hsm);
            }
            catch
            {
                hsm.Dispose();
                throw;
            }
        }

        using var passphrase = await KeyPassphrase.ResolveAsync(parseResult.GetValue(options.PassphraseFile), cancellationToken);
        var files = new EncryptedFileKeyStore(KeyStoreOptions.KeyDirectory(parseResult), passphrase, timeProvider);
        return new CrlAuthorityKey(new SigningAuthority(record, await files.OpenAsync(reference.KeyId, cancellationToken)), hsm: null);
    }

    /// <summary>The CA ledger is in the embedded SQLite database only for now; a silently ignored --database would read the wrong one.</summary>
    public static void RefuseDatabaseOption(ParseResult parseResult)
    {
        var database = parseResult.GetValue(CliOptions.Database) ?? Environment.GetEnvironmentVariable("CERTWRIGHT_DATABASE");
        if (!string.IsNullOrWhiteSpace(database))
        {
            throw new CertwrightException(ErrorKind.Usage, "--database (PostgreSQL) is not available in this version; omit it to use the embedded SQLite inventory in --data");
        }
    }

    public void Dispose()
    {
        Authority.Dispose();
        _hsm?.Dispose();
    }
}
