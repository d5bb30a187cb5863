using Certwright.Inventory;
using Certwright.Policy;
using Certwright.Validation;

namespace Certwright.Monitoring;

/// <summary>How an endpoint check judges and records what it sees.</summary>
public sealed record EndpointCheckOptions
{
    /// <summary>The anchors chains must reach: the system store, or the CAs of <c>--ca-file</c>.</summary>
    public required TrustStore TrustStore { get; init; }

    /// <summary>When the leaf's approaching expiry becomes a warning or critical. <value>Default: 30 and 7 days.</value></summary>
    public ExpiryThresholds Thresholds { get; init; } = ExpiryThresholds.Default;

    /// <summary>
    /// Key, signature and validity rules for the presented certificates. <value>Default: <see cref="CertificatePolicyOptions.Default"/>
    /// without <c>quantum-vulnerable</c>: that is a planning note for the audit over the whole inventory, not an alarm on every check.</value>
    /// </summary>
    public CertificatePolicyOptions CertificatePolicy { get; init; } = CertificatePolicyOptions.Default with { ReportQuantumVulnerable = false };

    /// <summary>Whether to record the presented chain in the inventory. <value>Default: true.</value></summary>
    public bool Record { get; init; } = true;

    /// <summary>Whether to check the leaf's revocation (when the checker has a revocation checker). <value>Default: true.</value></summary>
    public bool CheckRevocation { get; init; } = true;

    /// <summary>
    /// Whether to also check the revocation of each intermediate on the validated path that names an OCSP responder
    /// or a CRL. <value>Default: false.</value>
    /// </summary>
    /// <remarks>
    /// Off by default: it costs a fetch per intermediate (cached until nextUpdate) on every check, and an
    /// intermediate's CRL is often published where the monitoring host cannot reach it, which would turn every
    /// endpoint under it into a warning. Only with <see cref="CheckRevocation"/>.
    /// </remarks>
    public bool CheckIntermediateRevocation { get; init; }

    /// <summary>Namespace of the endpoint locations recorded. <value>Default: <c>default</c>.</value></summary>
    public string Namespace { get; init; } = SightingLocation.DefaultNamespace;
}
