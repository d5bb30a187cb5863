namespace Certwright.Keys;

/// <summary>Where a key lives.</summary>
public enum KeyStoreKind
{
    /// <summary>An encrypted PKCS#8 file (<see cref="EncryptedFileKeyStore"/>).</summary>
    File,

    /// <summary>A PKCS#11 token, an HSM (Pkcs11KeyStore).</summary>
    Pkcs11,
}
