namespace Certwright.Scanning.Probing;

/// <summary>
/// One TLS cipher suite from the IANA registry with the properties the weak-cipher policy judges.
/// <see cref="KeyExchange"/>, <see cref="Authentication"/>, <see cref="Encryption"/> and <see cref="Mac"/> use
/// OpenSSL's vocabulary (<c>ECDH</c>, <c>RSA</c>, <c>AESGCM</c>, <c>AEAD</c>...), as <c>openssl ciphers -v</c> prints them.
/// </summary>
public sealed record CipherSuite
{
    /// <summary>The two-byte code sent on the wire, e.g. 0xC02F.</summary>
    public required int Code { get; init; }

    /// <summary>The IANA name, e.g. <c>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</c>.</summary>
    public required string IanaName { get; init; }

    /// <summary>The OpenSSL name (what sslscan prints), or null for suites OpenSSL never named.</summary>
    public string? OpenSslName { get; init; }

    public required string KeyExchange { get; init; }

    public required string Authentication { get; init; }

    public required string Encryption { get; init; }

    /// <summary>Symmetric key bits (0 for NULL encryption; 168 for 3DES as OpenSSL counts it).</summary>
    public required int Bits { get; init; }

    /// <summary>The MAC, or <c>AEAD</c> for AEAD ciphers.</summary>
    public required string Mac { get; init; }

    /// <summary>The oldest protocol version that defines the suite.</summary>
    public required TlsVersion MinimumVersion { get; init; }

    /// <summary>An export-grade suite (40- or 56-bit keys, weakened key exchange).</summary>
    public bool IsExport { get; init; }

    public bool IsTls13 => MinimumVersion == TlsVersion.Tls13;

    public bool IsAead => Mac == "AEAD";

    /// <summary>The key exchange is ephemeral (DHE, ECDHE, every TLS 1.3 suite), so a stolen server key does not decrypt recorded traffic.</summary>
    public bool ForwardSecrecy => IsTls13
        || IanaName.Contains("_DHE_", StringComparison.Ordinal)
        || IanaName.Contains("_ECDHE_", StringComparison.Ordinal)
        || IanaName.Contains("_anon_", StringComparison.Ordinal);

    /// <summary>No server authentication (anonymous Diffie-Hellman, or NULL authentication).</summary>
    public bool IsAnonymous => IanaName.Contains("_anon_", StringComparison.Ordinal) || Authentication == "None";

    /// <summary>No encryption at all.</summary>
    public bool IsNullEncryption => Encryption == "None";

    public bool IsRc4 => Encryption.StartsWith("RC4", StringComparison.Ordinal);

    /// <summary>Single DES (56 bits) or 40-bit DES.</summary>
    public bool IsSingleDes => Encryption == "DES";

    public bool IsTripleDes => Encryption == "3DES";

    /// <summary>A block cipher in CBC mode with a separate MAC (Lucky13, POODLE-style padding oracles).</summary>
    public bool IsCbc => !IsAead && !IsNullEncryption && !IsRc4 && Encryption is not ("ChaCha20" or "GOST89" or "RC2");

    /// <summary>The OpenSSL name when there is one, else the IANA name.</summary>
    public override string ToString() => OpenSslName ?? IanaName;
}
