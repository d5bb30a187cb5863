using System.Numerics;

namespace Certwright.Validation.Internal;

/// <summary>
/// One certificate decoded for path validation: the names, keys and extensions RFC 5280 section 6
/// needs, decoded once from DER. Immutable and shared between validations (see <see cref="CertificateCache"/>).
/// </summary>
internal sealed class ParsedCertificate
{
    public required byte[] Der { get; init; }

    /// <summary>SHA-256 of <see cref="Der"/>, lowercase hex: the certificate's identity.</summary>
    public required string Sha256 { get; init; }

    public required ReadOnlyMemory<byte> Tbs { get; init; }

    public required int Version { get; init; }

    public required BigInteger Serial { get; init; }

    public required int SerialLength { get; init; }

    public required AlgorithmIdentifier SignatureAlgorithm { get; init; }

    /// <summary>Whether the TBS signature field equals the outer signatureAlgorithm (RFC 5280 4.1.1.2).</summary>
    public required bool SignatureAlgorithmsMatch { get; init; }

    public required byte[] Signature { get; init; }

    public required DistinguishedName Issuer { get; init; }

    public required DistinguishedName Subject { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>DER of the SubjectPublicKeyInfo.</summary>
    public required byte[] Spki { get; init; }

    /// <summary>SHA-256 of <see cref="Spki"/>, lowercase hex.</summary>
    public required string SpkiSha256 { get; init; }

    public required PublicKeyInfo PublicKey { get; init; }

    public required IReadOnlyList<CertificateExtension> Extensions { get; init; }

    public BasicConstraintsValue? BasicConstraints { get; init; }

    public KeyUsageFlags? KeyUsage { get; init; }

    public bool KeyUsageCritical { get; init; }

    /// <summary>Extended key usage OIDs, or null when the extension is absent.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsage { get; init; }

    public bool ExtendedKeyUsageCritical { get; init; }

    /// <summary>subjectAltName entries, or null when the extension is absent.</summary>
    public IReadOnlyList<GeneralName>? SubjectAltNames { get; init; }

    public bool SubjectAltNamesCritical { get; init; }

    public NameConstraintsValue? NameConstraints { get; init; }

    public byte[]? SubjectKeyId { get; init; }

    public AuthorityKeyIdValue? AuthorityKeyId { get; init; }

    /// <summary>certificatePolicies OIDs, or null when the extension is absent.</summary>
    public IReadOnlyList<string>? Policies { get; init; }

    public IReadOnlyList<PolicyMappingValue>? PolicyMappings { get; init; }

    public PolicyConstraintsValue? PolicyConstraints { get; init; }

    public int? InhibitAnyPolicy { get; init; }

    /// <summary>Critical extensions this validator does not process.</summary>
    public required IReadOnlyList<string> UnknownCriticalExtensions { get; init; }

    /// <summary>Encoding and profile defects found while decoding.</summary>
    public required IReadOnlyList<CertificateDefect> Defects { get; init; }

    public bool IsSelfIssued => string.Equals(Subject.Key, Issuer.Key, StringComparison.Ordinal);

    /// <summary>Whether the certificate may be used as an issuer: v3 with cA, or v1/v2 (trust anchors only).</summary>
    public bool AssertsCa => BasicConstraints?.IsCa == true;

    public string ShortFingerprint => Sha256[..16];

    /// <summary>"subject (sha256 0123456789abcdef)", for messages.</summary>
    public string Display => $"'{Subject}' (sha256 {ShortFingerprint})";
}

/// <summary>An AlgorithmIdentifier: OID plus the DER of its parameters (null when absent).</summary>
internal sealed record AlgorithmIdentifier(string Oid, byte[]? Parameters, byte[] Encoded);
