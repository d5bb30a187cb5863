using System.ComponentModel.DataAnnotations;

namespace Certwright.Renewal;

/// <summary>What one renewal run does.</summary>
public sealed class RenewalRunOptions
{
    /// <summary>Only the managed certificates of this namespace; null for all.</summary>
    public string? Namespace { get; init; }

    /// <summary>Renew every selected certificate now, whatever its window and backoff.</summary>
    public bool Force { get; init; }

    /// <summary>Decide only: no certificate is obtained, deployed or recorded.</summary>
    public bool DryRun { get; init; }

    /// <value>Default 16: issuance waits on the ledger's group commit and deployment on fsync, not on the CPU.</value>
    [Range(1, 256)]
    public int MaxConcurrency { get; init; } = 16;

    /// <value>Default 60 s; a reload command still running then is killed and counts as failed.</value>
    public TimeSpan ReloadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long verify-after-deploy keeps asking an endpoint for the new certificate (services reload asynchronously).</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <value>Default 250 ms between two attempts of verify-after-deploy.</value>
    public TimeSpan VerifyInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
