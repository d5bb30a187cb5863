namespace Certwright.Certificates;

/// <summary>
/// Everything Certwright knows about one X.509 certificate, read once from its DER encoding.
/// Identity is the SHA-256 fingerprint: the inventory stores each certificate once per fingerprint.
/// </summary>
public sealed partial record CertificateRecord
{
    /// <summary>The DER encoding the record was parsed from.</summary>
    public required ReadOnlyMemory<byte> Der { get; init; }

    /// <summary>SHA-256 of the DER, lowercase hex (64 characters).</summary>
    public required string Sha256 { get; init; }

    /// <summary>SHA-1 of the DER, lowercase hex (40 characters); shown for tools that still key on it.</summary>
    public required string Sha1 { get; init; }

    /// <summary>X.509 version (1, 2 or 3).</summary>
    public required int Version { get; init; }

    /// <summary>Serial number as uppercase hex without leading zero bytes, as <c>openssl x509 -serial</c> prints it.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Subject distinguished name in RFC 4514 order and escaping (most specific RDN first).</summary>
    public required string Subject { get; init; }

    /// <summary>Issuer distinguished name in RFC 4514 form.</summary>
    public required string Issuer { get; init; }

    /// <summary>The subject's common name, when it has one.</summary>
    public string? CommonName { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public IReadOnlyList<SubjectAlternativeName> SubjectAlternativeNames { get; init; } = [];

    public required PublicKeyDescription PublicKey { get; init; }

    /// <summary>Signature algorithm, e.g. <c>sha256WithRSAEncryption</c>, <c>ecdsa-with-SHA256</c>, <c>ML-DSA-65</c>.</summary>
    public required string SignatureAlgorithm { get; init; }

    /// <summary>Dotted OID of the signature algorithm.</summary>
    public required string SignatureAlgorithmOid { get; init; }

    /// <summary>Key usage bits, or null when the extension is absent.</summary>
    public KeyUsageBits? KeyUsage { get; init; }

    /// <summary>Extended key usage OIDs, in certificate order; empty when the extension is absent.</summary>
    public IReadOnlyList<string> ExtendedKeyUsages { get; init; } = [];

    /// <summary>Basic constraints, or null when the extension is absent.</summary>
    public BasicConstraintsInfo? BasicConstraints { get; init; }

    /// <summary>Authority key identifier (keyIdentifier field), lowercase hex.</summary>
    public string? AuthorityKeyId { get; init; }

    /// <summary>Subject key identifier, lowercase hex.</summary>
    public string? SubjectKeyId { get; init; }

    public IReadOnlyList<string> OcspUrls { get; init; } = [];

    public IReadOnlyList<string> CaIssuerUrls { get; init; } = [];

    public IReadOnlyList<string> CrlDistributionPoints { get; init; } = [];

    /// <summary>Number of embedded signed certificate timestamps (Certificate Transparency).</summary>
    public int SctCount { get; init; }

    /// <summary>
    /// Subject equals issuer and the key identifiers do not contradict it. The signature is checked by
    /// chain validation, not here, so that parsing a large inventory stays cheap.
    /// </summary>
    public bool IsSelfSigned { get; init; }

    /// <summary>OIDs of every extension, with its criticality, in certificate order.</summary>
    public IReadOnlyList<ExtensionInfo> Extensions { get; init; } = [];

    public bool IsCertificateAuthority => BasicConstraints?.IsCertificateAuthority == true;
}

/// <summary>One subjectAltName entry.</summary>
public readonly record struct SubjectAlternativeName(SubjectAlternativeNameKind Kind, string Value)
{
    /// <summary>The <c>DNS:example.com</c> form openssl prints.</summary>
    public override string ToString() => $"{Prefix(Kind)}:{Value}";

    /// <summary>The type prefix openssl prints: <c>DNS</c>, <c>IP</c>, <c>URI</c>, <c>email</c>, <c>DirName</c>, <c>othername</c>.</summary>
    public static string Prefix(SubjectAlternativeNameKind kind) => kind switch
    {
        SubjectAlternativeNameKind.Dns => "DNS",
        SubjectAlternativeNameKind.IpAddress => "IP",
        SubjectAlternativeNameKind.Uri => "URI",
        SubjectAlternativeNameKind.Email => "email",
        SubjectAlternativeNameKind.DirectoryName => "DirName",
        _ => "othername",
    };
}

public enum SubjectAlternativeNameKind
{
    Dns,
    IpAddress,
    Uri,
    Email,
    DirectoryName,
    Other,
}

/// <summary>The subject public key: algorithm family, size and, for EC, the curve.</summary>
/// <param name="Algorithm">Key family.</param>
/// <param name="SizeBits">Modulus size for RSA/DSA, field size for EC, 256/456 for Ed25519/Ed448, security category bits for ML-DSA.</param>
/// <param name="Parameters">Curve name (<c>P-256</c>) or parameter set (<c>ML-DSA-65</c>); null for RSA.</param>
/// <param name="AlgorithmOid">Dotted OID from SubjectPublicKeyInfo.</param>
public sealed record PublicKeyDescription(KeyAlgorithm Algorithm, int SizeBits, string? Parameters, string AlgorithmOid)
{
    /// <summary>Short display form: <c>RSA 2048</c>, <c>EC P-256</c>, <c>Ed25519</c>, <c>ML-DSA-65</c>.</summary>
    public override string ToString() => Algorithm switch
    {
        KeyAlgorithm.Rsa => $"RSA {SizeBits}",
        KeyAlgorithm.Dsa => $"DSA {SizeBits}",
        KeyAlgorithm.Ec => $"EC {Parameters ?? "unknown-curve"}",
        KeyAlgorithm.Ed25519 => "Ed25519",
        KeyAlgorithm.Ed448 => "Ed448",
        KeyAlgorithm.MlDsa => Parameters ?? "ML-DSA",
        _ => $"unknown ({AlgorithmOid})",
    };
}

public enum KeyAlgorithm
{
    Unknown,
    Rsa,
    Dsa,
    Ec,
    Ed25519,
    Ed448,
    MlDsa,
}

/// <summary>RFC 5280 KeyUsage bits, bit 0 = digitalSignature.</summary>
[Flags]
public enum KeyUsageBits
{
    None = 0,
    DigitalSignature = 1 << 0,
    NonRepudiation = 1 << 1,
    KeyEncipherment = 1 << 2,
    DataEncipherment = 1 << 3,
    KeyAgreement = 1 << 4,
    KeyCertSign = 1 << 5,
    CrlSign = 1 << 6,
    EncipherOnly = 1 << 7,
    DecipherOnly = 1 << 8,
}

/// <param name="IsCertificateAuthority">The cA flag.</param>
/// <param name="PathLengthConstraint">pathLenConstraint, or null when absent (unlimited).</param>
/// <param name="IsCritical">Whether the extension was marked critical (CA/B BR require it for CAs).</param>
public sealed record BasicConstraintsInfo(bool IsCertificateAuthority, int? PathLengthConstraint, bool IsCritical);

public readonly record struct ExtensionInfo(string Oid, bool IsCritical);
