namespace Certwright.Keys;

/// <summary>
/// A private key that signs but never hands out its material: a software key decrypted in memory or a
/// key inside an HSM. The CA signs certificates, CRLs and OCSP responses only through this.
/// </summary>
/// <remarks>
/// <see cref="Sign"/> is safe to call from several threads at once. Use
/// <see cref="SigningKeyExtensions.ToSignatureFactory"/> to sign with BouncyCastle's generators.
/// </remarks>
public interface ISigningKey : IDisposable
{
    /// <summary>The store's id for this key; <see cref="IKeyStore.OpenAsync"/> finds it again.</summary>
    string Id { get; }

    KeyType Type { get; }

    /// <summary>The DER SubjectPublicKeyInfo of the public half.</summary>
    byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The DER AlgorithmIdentifier of the signature algorithm (ecdsa-with-SHA256, sha256WithRSAEncryption, Ed25519, id-ml-dsa-65...).</summary>
    byte[] SignatureAlgorithmIdentifier { get; }

    /// <summary>Signs <paramref name="data"/> (hashing it as the algorithm requires) and returns the signature value as X.509 carries it (DER Ecdsa-Sig-Value for ECDSA).</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
