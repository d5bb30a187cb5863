using System.CommandLine;
using Certwright.Authority;
using Certwright.Keys;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary>
/// Opens CAs' issuing keys where their records say they live: DATA/keys (passphrase from <c>--key-passphrase-file</c> or
/// <see cref="KeyPassphrase.EnvironmentVariable"/>) or the record's HSM token (PIN from <c>--pkcs11-pin-file</c>). The one
/// place issue, revoke, crl and serve open a CA key; the passphrase is read once and each token logged in once.
/// </summary>
internal sealed class CaKeys(string? passphraseFile, string? pinFile, string dataDirectory, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly Dictionary<(string, string), Pkcs11KeyStore> _tokens = [];
    private KeyPassphrase? _passphrase;
    private EncryptedFileKeyStore? _files;

    /// <summary>The keys of <c>--data</c>, with the secrets named by a command's <paramref name="passphraseFile"/> and <paramref name="pinFile"/> options.</summary>
    public static CaKeys From(ParseResult parseResult, Option<string?> passphraseFile, Option<string?> pinFile, TimeProvider timeProvider) =>
        new(parseResult.GetValue(passphraseFile), parseResult.GetValue(pinFile), DataDirectory.Resolve(parseResult.GetValue(CliOptions.Data)), timeProvider);

    /// <summary>Whether the secret that opens <paramref name="record"/>'s key was given (nothing is ever prompted for).</summary>
    public bool HasSecretFor(AuthorityRecord record) =>
        record.IssuingKey.Store == KeyStoreKind.Pkcs11
            ? !string.IsNullOrWhiteSpace(pinFile)
            : passphraseFile is not null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KeyPassphrase.EnvironmentVariable));

    /// <summary>The CA with its key open; the caller disposes it (before this object).</summary>
    /// <exception cref="CertwrightException">Usage: no passphrase or PIN, a wrong one, or a missing key.</exception>
    public async Task<SigningAuthority> OpenAsync(AuthorityRecord record, CancellationToken cancellationToken) =>
        new(record, await OpenKeyAsync(record, cancellationToken));

    /// <inheritdoc cref="OpenAsync"/>
    public async Task<ISigningKey> OpenKeyAsync(AuthorityRecord record, CancellationToken cancellationToken)
    {
        var reference = record.IssuingKey;
        if (reference.Store == KeyStoreKind.Pkcs11)
        {
            var location = reference.Pkcs11
                ?? throw new CertwrightException(ErrorKind.State, $"CA '{record.Name}' has an HSM key without its module and token in the ledger; re-import the CA");
            if (string.IsNullOrWhiteSpace(pinFile))
            {
                throw new CertwrightException(ErrorKind.Usage, $"CA '{record.Name}' keeps its key in PKCS#11 token '{location.TokenLabel}'; give --pkcs11-pin-file FILE");
            }

            if (!_tokens.TryGetValue((location.ModulePath, location.TokenLabel), out var token))
            {
                token = await Pkcs11KeyStore.OpenAsync(new Pkcs11Options(location.ModulePath, location.TokenLabel, pinFile), cancellationToken);
                _tokens[(location.ModulePath, location.TokenLabel)] = token;
            }

            return await token.OpenAsync(reference.KeyId, cancellationToken);
        }

        if (_files is null)
        {
            _passphrase = await KeyPassphrase.ResolveAsync(passphraseFile, cancellationToken);
            _files = new EncryptedFileKeyStore(Path.Combine(dataDirectory, EncryptedFileKeyStore.DefaultFolderName), _passphrase, timeProvider);
        }

        return await _files.OpenAsync(reference.KeyId, cancellationToken);
    }

    /// <summary>Logs out of the tokens (keys already opened stay usable) and clears the passphrase.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var token in _tokens.Values)
        {
            token.Dispose();
        }

        _tokens.Clear();
        _passphrase?.Dispose();
        return ValueTask.CompletedTask;
    }
}
