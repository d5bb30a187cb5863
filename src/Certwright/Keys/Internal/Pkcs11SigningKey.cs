using System.Security.Cryptography;

namespace Certwright.Keys.Internal;

/// <summary>A private key inside a PKCS#11 token, signing through C_Sign.</summary>
internal sealed class Pkcs11SigningKey : ISigningKey
{
    private readonly Pkcs11Connection _connection;
    private readonly nuint _privateKey;
    private int _disposed;

    public Pkcs11SigningKey(Pkcs11Connection connection, nuint privateKey, string id, KeyType type, byte[] subjectPublicKeyInfo)
    {
        _connection = connection.AddReference();
        _privateKey = privateKey;
        Id = id;
        Type = type;
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        SignatureAlgorithmIdentifier = SignatureAlgorithms.DerFor(type);
    }

    public string Id { get; }

    public KeyType Type { get; }

    public byte[] SubjectPublicKeyInfo { get; }

    public byte[] SignatureAlgorithmIdentifier { get; }

    /// <summary>The token's object handle, for tests that probe its attributes.</summary>
    internal nuint PrivateKeyHandle => _privateKey;

    internal Pkcs11Connection Connection => _connection;

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        switch (Type)
        {
            case KeyType.EcP256 or KeyType.EcP384:
                // Hash here, sign in the token: CKM_ECDSA_SHA384 is optional in PKCS#11, CKM_ECDSA is not.
                var hash = Type == KeyType.EcP384 ? SHA384.HashData(data) : SHA256.HashData(data);
                var raw = _connection.Run((library, session) => library.SignOnce(session, Ck.CKM_ECDSA, _privateKey, hash));
                return EcdsaSignatureEncoding.RawToDer(raw);
            case KeyType.Rsa2048 or KeyType.Rsa3072 or KeyType.Rsa4096:
                var bytes = data.ToArray();
                return _connection.Run((library, session) => library.SignOnce(session, Ck.CKM_SHA256_RSA_PKCS, _privateKey, bytes));
            default:
                throw new InvalidOperationException($"PKCS#11 key of type {KeyTypes.Format(Type)} cannot sign");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _connection.Release();
        }
    }
}
