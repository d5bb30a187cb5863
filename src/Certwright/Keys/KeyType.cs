namespace Certwright.Keys;

/// <summary>The key algorithms Certwright generates and signs with.</summary>
public enum KeyType
{
    Rsa2048,
    Rsa3072,
    Rsa4096,
    EcP256,
    EcP384,
    Ed25519,
    MlDsa44,
    MlDsa65,
    MlDsa87,
}
