using Certwright.Inventory;
using Certwright.Policy;
using Certwright.Scanning;

namespace Certwright.Monitoring.Configuration;

/// <summary>
/// One endpoint to check on a schedule: where (host, port, SNI, STARTTLS), whose (owner, namespace, tags), and
/// the per-target thresholds and schedule that override the defaults. Compared by value.
/// </summary>
public sealed record MonitorTarget
{
    /// <summary>Host, port, SNI and STARTTLS protocol.</summary>
    public required ScanTarget Endpoint { get; init; }

    /// <summary>Namespace (team, environment) the endpoint's findings and recorded chain belong to. <value>Default: <c>default</c>.</value></summary>
    public string Namespace { get; init; } = SightingLocation.DefaultNamespace;

    /// <summary>Who answers for the endpoint; null when nobody is named.</summary>
    public string? Owner { get; init; }

    /// <summary>Free-form labels, in the order given.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Expiry thresholds for this target; null takes <see cref="MonitorDefaults.Thresholds"/>.</summary>
    public ExpiryThresholds? Thresholds { get; init; }

    /// <summary>This target's schedule; null takes <see cref="MonitorDefaults.Schedule"/>.</summary>
    public CheckSchedule? Schedule { get; init; }

    /// <summary>Whether this target's checks also probe protocols and cipher suites; null takes <see cref="MonitorDefaults.Probe"/>.</summary>
    public bool? Probe { get; init; }

    /// <summary>Where the target was defined.</summary>
    public TargetSource Source { get; init; } = TargetSource.ConfigFile;

    /// <summary>Where the target was defined, for messages: <c>certwright.yaml line 12</c> or <c>target add</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// The key check results are recorded under: the inventory's name for the endpoint location
    /// (<c>host:port</c>, plus <c>(SNI name)</c> when the SNI differs from the host).
    /// </summary>
    public string Key => KeyOf(Endpoint);

    /// <summary>The inventory location of the endpoint, as <see cref="EndpointChecker"/> records it.</summary>
    public static string KeyOf(ScanTarget endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new SightingLocation(SightingKind.Endpoint, endpoint.ToString(), endpoint.ServerName).ToString();
    }

    public bool Equals(MonitorTarget? other) =>
        other is not null
        && Endpoint == other.Endpoint
        && Namespace == other.Namespace
        && Owner == other.Owner
        && Tags.SequenceEqual(other.Tags)
        && Thresholds == other.Thresholds
        && Equals(Schedule, other.Schedule)
        && Source == other.Source;

    public override int GetHashCode() => HashCode.Combine(Endpoint, Namespace, Owner, Tags.Count, Thresholds, Schedule, Source);
}
