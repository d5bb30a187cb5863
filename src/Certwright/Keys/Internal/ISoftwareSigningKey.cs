namespace Certwright.Keys.Internal;

/// <summary>A key held in process memory, which a file store can export (only ever to encrypt it).</summary>
internal interface ISoftwareSigningKey : ISigningKey
{
    /// <summary>The unencrypted PKCS#8 PrivateKeyInfo; the caller encrypts it and clears the array.</summary>
    byte[] ExportPkcs8();
}
