using System.Security.Cryptography;

namespace Certwright.Keys.Internal;

/// <summary>An RSA key in memory (OpenSSL through System.Security.Cryptography), signing sha256WithRSAEncryption.</summary>
internal sealed class RsaSigningKey(string id, KeyType type, RSA rsa) : ISoftwareSigningKey
{
    public string Id { get; } = id;

    public KeyType Type { get; } = type;

    public byte[] SubjectPublicKeyInfo { get; } = rsa.ExportSubjectPublicKeyInfo();

    public byte[] SignatureAlgorithmIdentifier { get; } = SignatureAlgorithms.DerFor(type);

    public byte[] Sign(ReadOnlySpan<byte> data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public byte[] ExportPkcs8() => rsa.ExportPkcs8PrivateKey();

    public void Dispose() => rsa.Dispose();
}
