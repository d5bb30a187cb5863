namespace Certwright.Certificates;

/// <summary>OIDs the parser acts on; everything else is carried by its dotted form only.</summary>
internal enum KnownOid
{
    None,

    // Name attributes
    CommonName,

    // Extensions
    SubjectKeyIdentifier,
    KeyUsage,
    SubjectAltName,
    BasicConstraints,
    CrlDistributionPoints,
    AuthorityKeyIdentifier,
    ExtendedKeyUsage,
    AuthorityInfoAccess,
    SignedCertificateTimestampList,

    // Access methods (AIA)
    Ocsp,
    CaIssuers,

    // Public key algorithms
    RsaEncryption,
    RsaPss,
    EcPublicKey,
    Ed25519,
    Ed448,
    MlDsa,
    Dsa,

    // Named curves (the entry carries the name and field size)
    NamedCurve,

    // Signature algorithm (name only)
    SignatureAlgorithm,

    // Container content types and bag attributes
    Pkcs7Data,
    Pkcs7SignedData,
}

/// <summary>A dotted OID with its display name (openssl's short name) and what the parser does with it.</summary>
/// <param name="Dotted">Dotted-decimal form.</param>
/// <param name="Name">Display name; null for OIDs Certwright has no name for.</param>
/// <param name="Id">What the parser does with the OID.</param>
/// <param name="Bits">Key size for curves and ML-DSA parameter sets; 0 otherwise.</param>
internal sealed record OidInfo(string Dotted, string? Name, KnownOid Id, int Bits = 0)
{
    /// <summary>The name when there is one, else the dotted form.</summary>
    public string Display => Name ?? Dotted;
}
