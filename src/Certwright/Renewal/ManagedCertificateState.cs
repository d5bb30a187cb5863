namespace Certwright.Renewal;

/// <summary>What the renewal engine knows of a managed certificate between runs.</summary>
public sealed record ManagedCertificateState
{
    public static ManagedCertificateState None { get; } = new();

    /// <summary>SHA-256 (lowercase hex) of the certificate deployed last; null before the first renewal.</summary>
    public string? CurrentSha256 { get; init; }

    /// <summary>DER of that certificate (for the CA's renewal information).</summary>
    public byte[]? CurrentDer { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public DateTimeOffset? LastAttempt { get; init; }

    /// <summary>Outcome of the last attempt: ok, failed, not-served; null before any.</summary>
    public string? LastResult { get; init; }

    /// <summary>The last failure's message; null after a success.</summary>
    public string? LastError { get; init; }

    public int ConsecutiveFailures { get; init; }

    /// <summary>No new attempt before this (backoff after a failure), unless forced.</summary>
    public DateTimeOffset? NextAttemptAfter { get; init; }
}
