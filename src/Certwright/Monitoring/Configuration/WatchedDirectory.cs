using Certwright.Inventory;

namespace Certwright.Monitoring.Configuration;

/// <summary>Files and directories whose certificates are imported into the inventory on a schedule.</summary>
public sealed record WatchedDirectory
{
    /// <summary>Files and directories to search; at least one, absolute or relative to the configuration file.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>Globs of files to read (see <see cref="Discovery.DiscoveryOptions.Include"/>). <value>Empty: every file.</value></summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Globs to skip, added to the discovery defaults (<c>.git</c>, <c>node_modules</c>...).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Namespace of the file locations recorded. <value>Default: <c>default</c>.</value></summary>
    public string Namespace { get; init; } = SightingLocation.DefaultNamespace;

    /// <summary>Who answers for these files; null when nobody is named.</summary>
    public string? Owner { get; init; }

    /// <summary>This watch's schedule; null takes <see cref="MonitorDefaults.Schedule"/>.</summary>
    public CheckSchedule? Schedule { get; init; }

    /// <summary>The key import results are recorded under: <c>dir:</c> and the paths joined by commas.</summary>
    public string Key => "dir:" + string.Join(',', Paths);

    public bool Equals(WatchedDirectory? other) =>
        other is not null
        && Paths.SequenceEqual(other.Paths)
        && Include.SequenceEqual(other.Include)
        && Exclude.SequenceEqual(other.Exclude)
        && Namespace == other.Namespace
        && Owner == other.Owner
        && Equals(Schedule, other.Schedule);

    public override int GetHashCode() => HashCode.Combine(Paths.Count > 0 ? Paths[0] : null, Namespace, Owner, Schedule);
}
