using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace Certwright.Keys.Internal;

/// <summary>An Ed25519 or ML-DSA key in memory (BouncyCastle; the platform has neither on OpenSSL 3.0).</summary>
internal sealed class BcSigningKey : ISoftwareSigningKey
{
    private readonly AsymmetricKeyParameter _privateKey;

    public BcSigningKey(string id, KeyType type, AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey)
    {
        Id = id;
        Type = type;
        _privateKey = privateKey;
        SubjectPublicKeyInfo = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();
        SignatureAlgorithmIdentifier = SignatureAlgorithms.DerFor(type);
    }

    public string Id { get; }

    public KeyType Type { get; }

    public byte[] SubjectPublicKeyInfo { get; }

    public byte[] SignatureAlgorithmIdentifier { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        // A signer per call: BouncyCastle signers keep state, and Sign must be thread-safe.
        ISigner signer = Type switch
        {
            KeyType.Ed25519 => new Ed25519Signer(),
            KeyType.MlDsa44 => new MLDsaSigner(MLDsaParameters.ml_dsa_44, deterministic: false),
            KeyType.MlDsa65 => new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false),
            KeyType.MlDsa87 => new MLDsaSigner(MLDsaParameters.ml_dsa_87, deterministic: false),
            _ => throw new InvalidOperationException($"key type {KeyTypes.Format(Type)} is not a BouncyCastle key"),
        };
        signer.Init(true, _privateKey);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    public byte[] ExportPkcs8()
    {
        // Version 1 (RFC 5958) with the public key appended is what BouncyCastle writes for Ed25519; the
        // platform's PKCS#8 encryptor reads only version 0, and the public key is derived on load anyway.
        var info = PrivateKeyInfoFactory.CreatePrivateKeyInfo(_privateKey);
        return new PrivateKeyInfo(info.PrivateKeyAlgorithm, info.ParsePrivateKey()).GetDerEncoded();
    }

    public void Dispose()
    {
        // BouncyCastle key parameters hold managed arrays and have nothing to release.
    }
}
