using Certwright.Authority;
using Certwright.Keys;

namespace Certwright.Cli.Commands;

/// <summary>Opens each CA's issuing key where its record says it lives: key files (one passphrase) or HSM tokens (one login per token).</summary>
internal sealed class AuthorityKeys(string? passphraseFile, string? pinFile, string dataDirectory, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly Dictionary<(string, string), Pkcs11KeyStore> _tokens = [];
    private KeyPassphrase? _passphrase;
    private EncryptedFileKeyStore? _files;

    public async Task<ISigningKey> OpenAsync(AuthorityRecord record, CancellationToken cancellationToken)
    {
        var reference = record.IssuingKey;
        if (reference.Store == KeyStoreKind.Pkcs11)
        {
            var location = reference.Pkcs11
                ?? throw new CertwrightException(ErrorKind.State, $"CA '{record.Name}' has an HSM key without module and token in the store; re-import the CA");
            if (string.IsNullOrWhiteSpace(pinFile))
            {
                throw new CertwrightException(ErrorKind.Usage, $"CA '{record.Name}' keeps its key in HSM token '{location.TokenLabel}'; pass --pkcs11-pin-file FILE");
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

    public ValueTask DisposeAsync()
    {
        foreach (var token in _tokens.Values)
        {
            token.Dispose();
        }

        _passphrase?.Dispose();
        return ValueTask.CompletedTask;
    }
}
