namespace Certwright.Keys;

/// <summary>Generates, finds and opens signing keys in one place (a key directory or an HSM token).</summary>
public interface IKeyStore
{
    KeyStoreKind Kind { get; }

    /// <summary>Generates a new key pair of <paramref name="type"/>, stores it durably, and returns it open.</summary>
    /// <exception cref="CertwrightException">Usage: bad label; State or Remote: the store failed.</exception>
    Task<ISigningKey> GenerateAsync(KeyType type, string label, CancellationToken cancellationToken);

    /// <summary>Opens the key with <paramref name="id"/>.</summary>
    /// <exception cref="CertwrightException">Usage: no such key, wrong passphrase/PIN, or a corrupt key.</exception>
    Task<ISigningKey> OpenAsync(string id, CancellationToken cancellationToken);

    /// <summary>The keys in the store, without opening (decrypting) them.</summary>
    IAsyncEnumerable<KeyInfo> ListAsync(CancellationToken cancellationToken);
}
