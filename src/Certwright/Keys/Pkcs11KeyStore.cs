using System.Runtime.CompilerServices;
using Certwright.Keys.Internal;

namespace Certwright.Keys;

/// <summary>
/// Keys inside a PKCS#11 token (an HSM; SoftHSM2 in tests). Keys are generated in the token
/// (CKA_TOKEN, CKA_SENSITIVE, not CKA_EXTRACTABLE) and sign through C_Sign; their material never
/// reaches this process. Supports RSA and ECDSA P-256/P-384. Own AOT-safe binding (no Pkcs11Interop).
/// </summary>
/// <remarks>
/// One logged-in session serves the store and its keys; operations on it are serialised. Keys opened
/// from the store stay usable after the store is disposed; the module is finalised with the last of them.
/// </remarks>
public sealed class Pkcs11KeyStore : IKeyStore, IDisposable
{
    private readonly Pkcs11Connection _connection;

    private Pkcs11KeyStore(Pkcs11Connection connection)
    {
        _connection = connection;
    }

    public KeyStoreKind Kind => KeyStoreKind.Pkcs11;

    /// <summary>Loads the module, finds the token by label and logs in with the PIN from the PIN file.</summary>
    /// <exception cref="CertwrightException">Usage: the module does not load, no such token, unreadable PIN file, or a wrong PIN.</exception>
    public static async Task<Pkcs11KeyStore> OpenAsync(Pkcs11Options options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pin = await Pkcs11Pin.ReadAsync(options.PinFile, cancellationToken);
        return new Pkcs11KeyStore(await Task.Run(() => Pkcs11Connection.Open(options, pin), cancellationToken));
    }

    public Task<ISigningKey> GenerateAsync(KeyType type, string label, CancellationToken cancellationToken)
    {
        KeyLabels.Validate(label);
        return Task.Run(() => (ISigningKey)Pkcs11KeyGenerator.Generate(_connection, type, label), cancellationToken);
    }

    public Task<ISigningKey> OpenAsync(string id, CancellationToken cancellationToken)
    {
        var ckaId = KeyIds.Parse(id);
        return Task.Run(() => (ISigningKey)Pkcs11Objects.Open(_connection, ckaId), cancellationToken);
    }

    public async IAsyncEnumerable<KeyInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var info in await Task.Run(() => Pkcs11Objects.List(_connection), cancellationToken))
        {
            yield return info;
        }
    }

    public void Dispose() => _connection.Release();
}
