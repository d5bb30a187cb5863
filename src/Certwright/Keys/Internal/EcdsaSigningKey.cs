using System.Security.Cryptography;

namespace Certwright.Keys.Internal;

/// <summary>An ECDSA key in memory, signing ecdsa-with-SHA256 (P-256) or ecdsa-with-SHA384 (P-384) as DER Ecdsa-Sig-Value.</summary>
internal sealed class EcdsaSigningKey(string id, KeyType type, ECDsa ecdsa) : ISoftwareSigningKey
{
    private readonly HashAlgorithmName _hash = type == KeyType.EcP384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    public string Id { get; } = id;

    public KeyType Type { get; } = type;

    public byte[] SubjectPublicKeyInfo { get; } = ecdsa.ExportSubjectPublicKeyInfo();

    public byte[] SignatureAlgorithmIdentifier { get; } = SignatureAlgorithms.DerFor(type);

    public byte[] Sign(ReadOnlySpan<byte> data) => ecdsa.SignData(data, _hash, DSASignatureFormat.Rfc3279DerSequence);

    public byte[] ExportPkcs8() => ecdsa.ExportPkcs8PrivateKey();

    public void Dispose() => ecdsa.Dispose();
}
