namespace Certwright.Revocation.Internal;

/// <summary>A validated answer from one OCSP response or CRL.</summary>
internal sealed record RevocationAnswer(
    RevocationStatus Status,
    DateTimeOffset ThisUpdate,
    DateTimeOffset? NextUpdate,
    DateTimeOffset? RevokedAt = null,
    string? Reason = null);
