namespace Certwright.Policy;

/// <summary>What <see cref="CertificatePolicy"/> judges a certificate against.</summary>
public sealed record CertificatePolicyOptions
{
    public static readonly CertificatePolicyOptions Default = new();

    /// <summary>RSA (and DSA) keys below this many bits are <c>weak-key</c>. Default 2048 (CA/B BR 6.1.5, NIST SP 800-131A).</summary>
    public int MinimumRsaBits { get; init; } = 2048;

    /// <summary>EC keys on fields below this many bits are <c>weak-key</c>. Default 256.</summary>
    public int MinimumEcBits { get; init; } = 256;

    /// <summary>Limits for publicly trusted TLS server certificates (<c>long-validity</c>). Default: the CA/Browser Forum schedule.</summary>
    public ValidityLimits PublicValidityLimits { get; init; } = ValidityLimits.CaBrowserForum;

    /// <summary>Limits for certificates not known to be publicly trusted; null (the default) applies none.</summary>
    public ValidityLimits? PrivateValidityLimits { get; init; }

    /// <summary>Whether RSA/ECC/EdDSA keys get the informational <c>quantum-vulnerable</c> finding. Default true.</summary>
    public bool ReportQuantumVulnerable { get; init; } = true;
}
