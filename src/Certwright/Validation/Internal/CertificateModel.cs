namespace Certwright.Validation.Internal;

/// <summary>keyUsage bits (RFC 5280 4.2.1.3): bit n of the BIT STRING is 1 &lt;&lt; n here.</summary>
[Flags]
internal enum KeyUsageFlags
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

internal sealed record CertificateExtension(string Oid, bool Critical, byte[] Value);

internal sealed record BasicConstraintsValue(bool IsCa, int? PathLength, bool Critical);

internal sealed record NameConstraintsValue(IReadOnlyList<GeneralName> Permitted, IReadOnlyList<GeneralName> Excluded, bool Critical);

internal sealed record AuthorityKeyIdValue(byte[]? KeyId, bool HasIssuer, bool HasSerial);

internal sealed record PolicyMappingValue(string IssuerDomainPolicy, string SubjectDomainPolicy);

internal sealed record PolicyConstraintsValue(int? RequireExplicitPolicy, int? InhibitPolicyMapping);

/// <summary>A defect found while decoding one certificate; it fails any path the certificate is in.</summary>
/// <param name="Code">Finding code.</param>
/// <param name="Message">What is wrong, without naming the certificate.</param>
/// <param name="WebPkiOnly">Whether only the CA/Browser Forum profile rejects it (RFC 5280 only warns).</param>
/// <param name="AnchorExempt">Whether it is not held against a trust anchor above the leaf: issuance rules
/// such as serial number form postdate roots that browsers still trust (Go Daddy G2 has serial 0).</param>
internal sealed record CertificateDefect(string Code, string Message, bool WebPkiOnly = false, bool AnchorExempt = false);

/// <summary>The algorithm and key material of a SubjectPublicKeyInfo.</summary>
/// <param name="AlgorithmOid">Key algorithm.</param>
/// <param name="CurveOid">Named curve for EC keys.</param>
/// <param name="KeyBits">Size in bits (RSA modulus, EC field, DSA p); 0 when unknown.</param>
/// <param name="Description">e.g. "RSA 2048", "EC P-256", "Ed25519".</param>
internal sealed record PublicKeyInfo(string AlgorithmOid, string? CurveOid, int KeyBits, string Description)
{
    public bool IsRsa => AlgorithmOid is Oids.RsaEncryption or Oids.RsaPss;

    public bool IsEc => AlgorithmOid == Oids.EcPublicKey;
}
