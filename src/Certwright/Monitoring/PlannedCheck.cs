using Certwright.Monitoring.Configuration;
using Certwright.Policy;

namespace Certwright.Monitoring;

/// <summary>One check the monitor runs on a schedule: an endpoint target or a watched directory, with its settings resolved.</summary>
public sealed record PlannedCheck
{
    /// <summary>The key results are recorded under.</summary>
    public required string Key { get; init; }

    public required CheckKind Kind { get; init; }

    /// <summary>The endpoint, for <see cref="CheckKind.Endpoint"/>.</summary>
    public MonitorTarget? Target { get; init; }

    /// <summary>The files, for <see cref="CheckKind.Directory"/>.</summary>
    public WatchedDirectory? Directory { get; init; }

    public required CheckSchedule Schedule { get; init; }

    public required ExpiryThresholds Thresholds { get; init; }

    public required string Namespace { get; init; }

    public string? Owner { get; init; }

    /// <summary>Whether the endpoint check also probes protocols and cipher suites (<see cref="MonitorDefaults.Probe"/>).</summary>
    public bool Probe { get; init; }
}
