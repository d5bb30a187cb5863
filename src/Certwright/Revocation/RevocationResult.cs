using Certwright.Policy;

namespace Certwright.Revocation;

/// <summary>The outcome of one revocation check, with the findings it implies.</summary>
public sealed record RevocationResult
{
    public required RevocationStatus Status { get; init; }

    public required RevocationSource Source { get; init; }

    /// <summary>When the certificate was revoked; set only when <see cref="Status"/> is <see cref="RevocationStatus.Revoked"/>.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The RFC 5280 reason name (<c>keyCompromise</c>, <c>superseded</c>...) when the source gave one.</summary>
    public string? Reason { get; init; }

    /// <summary>thisUpdate of the OCSP response or CRL that answered.</summary>
    public DateTimeOffset? ThisUpdate { get; init; }

    /// <summary>nextUpdate of the OCSP response or CRL that answered, when it had one.</summary>
    public DateTimeOffset? NextUpdate { get; init; }

    /// <summary>The responder or CRL URL that answered, or the last one tried when none did; null for a stapled answer.</summary>
    public string? Url { get; init; }

    /// <summary>One line: why no source answered, or what was skipped before the answer; null when nothing went wrong.</summary>
    public string? Detail { get; init; }

    /// <summary>The findings the outcome implies (<c>revoked</c>, <c>ocsp-unreachable</c>, ...); empty when good.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
