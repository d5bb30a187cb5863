using Certwright.Certificates;
using Certwright.Inventory;
using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Scanning;
using Certwright.Validation;

namespace Certwright.Monitoring;

/// <summary>The verdict on one endpoint: what it presented, the validation of it, and every finding.</summary>
public sealed record EndpointReport
{
    public required EndpointScanResult Scan { get; init; }

    /// <summary>The presented certificates that could be parsed, in the order sent.</summary>
    public IReadOnlyList<CertificateRecord> Chain { get; init; } = [];

    /// <summary>The path validation of the leaf, or null when there was no leaf to validate.</summary>
    public ChainValidationResult? Validation { get; init; }

    /// <summary>Everything wrong, worst first.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Set when the endpoint now serves a different leaf than at its previous check.</summary>
    public EndpointChange? Change { get; init; }

    /// <summary>The leaf's revocation check, or null when revocation was not checked.</summary>
    public RevocationResult? Revocation { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }

    public ScanTarget Target => Scan.Target;

    public CertificateRecord? Leaf => Chain.Count > 0 ? Chain[0] : null;

    /// <summary>The worst severity among the findings; <see cref="Severity.Ok"/> when there are none.</summary>
    public Severity Severity => Findings.Worst();

    /// <summary>When the leaf expires, or null without a leaf.</summary>
    public DateTimeOffset? LeafNotAfter => Leaf?.NotAfter;

    /// <summary>The earliest expiry among everything the server presented, used or not.</summary>
    public DateTimeOffset? PresentedChainNotAfter => Chain.Count == 0 ? null : Chain.Min(c => c.NotAfter);

    /// <summary>
    /// The earliest expiry on the validated path, leaf to trust anchor: what clients actually depend on. Also set when
    /// that path failed a check (an expired certificate on it is the reason, and its date is the answer). Null when
    /// no path reached a trust anchor (untrusted or incomplete chain): there is no verified chain to give a date for,
    /// and the findings say why.
    /// </summary>
    public DateTimeOffset? ValidatedPathNotAfter => Validation is { Path.Count: > 0 } v && v.Path[^1].IsTrustAnchor ? v.Path.Min(e => e.NotAfter) : null;

    /// <summary>Whole days until the leaf expires (negative once expired), or null without a leaf.</summary>
    public int? DaysLeft => Leaf is null ? null : ExpiryPolicy.DaysLeft(Leaf.NotAfter, CheckedAt);
}
