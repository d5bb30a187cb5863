using Certwright.Monitoring.Configuration;
using Certwright.Policy;

namespace Certwright.Monitoring.Audit;

/// <summary>What the audit covers.</summary>
public sealed record AuditOptions
{
    /// <summary>Endpoint targets (configuration file and <c>target add</c>), for their namespace and owner.</summary>
    public IReadOnlyList<MonitorTarget> Targets { get; init; } = [];

    /// <summary>Watched directories, whose owner applies to the files under them.</summary>
    public IReadOnlyList<WatchedDirectory> Directories { get; init; } = [];

    /// <summary>Only this namespace; null for all.</summary>
    public string? Namespace { get; init; }

    /// <summary>Expiry thresholds for certificates found in files. <value>Default: 30 and 7 days.</value></summary>
    public ExpiryThresholds FileThresholds { get; init; } = ExpiryThresholds.Default;
}
