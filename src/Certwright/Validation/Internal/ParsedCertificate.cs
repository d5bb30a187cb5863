using System.Security.Cryptography;
using Certwright.Certificates;

namespace Certwright.Validation.Internal;

/// <summary>
/// One certificate as path validation sees it: the names, keys and extensions RFC 5280 section 6 needs,
/// decoded once by <see cref="ParsedCertificateFactory"/> with the shared decoders of
/// <c>Certwright.Certificates</c>, plus what validation derives (comparison keys, key fingerprint,
/// defects). Immutable and shared between validations (see <see cref="CertificateCache"/>).
/// </summary>
internal sealed class ParsedCertificate
{
    private string? _spkiSha256;

    public required byte[] Der { get; init; }

    /// <summary>SHA-256 of <see cref="Der"/>, lowercase hex: the certificate's identity.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where each field is in <see cref="Der"/>, as the shared decoder found it.</summary>
    public required CertificateStructure Structure { get; init; }

    public required DistinguishedName Issuer { get; init; }

    public required DistinguishedName Subject { get; init; }

    /// <summary>The key as the inventory describes it (<c>RSA 2048</c>, <c>EC P-256</c>).</summary>
    public required PublicKeyDescription PublicKey { get; init; }

    public required AlgorithmIdentifier SignatureAlgorithm { get; init; }

    /// <summary>The signatureValue bits.</summary>
    public required byte[] Signature { get; init; }

    /// <summary>The extensions read by <see cref="ExtensionProfile"/>, and the critical ones it does not process.</summary>
    public required ExtensionProfile Extensions { get; init; }

    /// <summary>Encoding and profile defects found while decoding.</summary>
    public required IReadOnlyList<CertificateDefect> Defects { get; init; }

    public int Version => Structure.Version;

    public DateTimeOffset NotBefore => Structure.NotBefore;

    public DateTimeOffset NotAfter => Structure.NotAfter;

    /// <summary>The TBSCertificate encoding, which the signature covers.</summary>
    public ReadOnlyMemory<byte> Tbs => Structure.Tbs.Of(Der.AsMemory());

    /// <summary>The SubjectPublicKeyInfo encoding.</summary>
    public ReadOnlyMemory<byte> Spki => Structure.SubjectPublicKeyInfo.Of(Der.AsMemory());

    /// <summary>SHA-256 of <see cref="Spki"/>, lowercase hex: identifies the key across certificates.</summary>
    public string SpkiSha256 => _spkiSha256 ??= Convert.ToHexStringLower(SHA256.HashData(Spki.Span));

    /// <summary>Whether the TBS signature field equals the outer signatureAlgorithm (RFC 5280 4.1.1.2).</summary>
    public bool SignatureAlgorithmsMatch =>
        Structure.SignatureAlgorithm.Of(Der.AsSpan()).SequenceEqual(Structure.TbsSignatureAlgorithm.Of(Der.AsSpan()));

    public BasicConstraintsInfo? BasicConstraints => Extensions.BasicConstraints;

    public KeyUsageBits? KeyUsage => Extensions.KeyUsage;

    public bool KeyUsageCritical => Extensions.KeyUsageCritical;

    /// <summary>Extended key usage OIDs, or null when the extension is absent.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsage => Extensions.ExtendedKeyUsage;

    public bool ExtendedKeyUsageCritical => Extensions.ExtendedKeyUsageCritical;

    /// <summary>subjectAltName entries, or null when the extension is absent.</summary>
    public IReadOnlyList<GeneralName>? SubjectAltNames => Extensions.SubjectAltNames;

    public bool SubjectAltNamesCritical => Extensions.SubjectAltNamesCritical;

    public NameConstraintsValue? NameConstraints => Extensions.NameConstraints;

    public byte[]? SubjectKeyId => Extensions.SubjectKeyId;

    public AuthorityKeyIdValue? AuthorityKeyId => Extensions.AuthorityKeyId;

    /// <summary>certificatePolicies OIDs, or null when the extension is absent.</summary>
    public IReadOnlyList<string>? Policies => Extensions.Policies;

    public IReadOnlyList<PolicyMappingValue>? PolicyMappings => Extensions.PolicyMappings;

    public PolicyConstraintsValue? PolicyConstraints => Extensions.PolicyConstraints;

    public int? InhibitAnyPolicy => Extensions.InhibitAnyPolicy;

    /// <summary>Critical extensions this validator does not process.</summary>
    public IReadOnlyList<string> UnknownCriticalExtensions => Extensions.UnknownCritical;

    public bool IsSelfIssued => string.Equals(Subject.Key, Issuer.Key, StringComparison.Ordinal);

    /// <summary>Whether the certificate asserts cA=TRUE (v1/v2 issuers are accepted as trust anchors only).</summary>
    public bool AssertsCa => BasicConstraints?.IsCertificateAuthority == true;

    public string ShortFingerprint => Sha256[..16];

    /// <summary>"'subject' (sha256 0123456789abcdef)", for messages; the subject in RFC 4514 form.</summary>
    public string Display => $"'{Subject}' (sha256 {ShortFingerprint})";

    /// <summary>Whether the extension is present and critical.</summary>
    public bool IsCritical(string oid) => Extensions.All.Exists(e => e.Oid == oid && e.IsCritical);
}
