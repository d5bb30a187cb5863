namespace Certwright.Inventory;

public enum EndpointEventKind
{
    /// <summary>The endpoint was recorded for the first time (stored as <c>first-seen</c>).</summary>
    FirstSeen,

    /// <summary>The endpoint serves another leaf than before (stored as <c>certificate-changed</c>).</summary>
    CertificateChanged,
}

/// <summary>One entry of an endpoint's history.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="OccurredAt">When it was observed.</param>
/// <param name="Kind">What happened.</param>
/// <param name="PreviousSha256">The leaf before, null for <see cref="EndpointEventKind.FirstSeen"/>.</param>
/// <param name="CurrentSha256">The leaf from then on.</param>
public sealed record EndpointEvent(SightingLocation Endpoint, DateTimeOffset OccurredAt, EndpointEventKind Kind, string? PreviousSha256, string CurrentSha256);
