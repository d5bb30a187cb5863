namespace Certwright.Monitoring.Configuration;

/// <summary>What <c>certwright.yaml</c> says: defaults, endpoint targets and watched directories.</summary>
public sealed record MonitorConfiguration
{
    public static readonly MonitorConfiguration Empty = new();

    public MonitorDefaults Defaults { get; init; } = new();

    public IReadOnlyList<MonitorTarget> Targets { get; init; } = [];

    public IReadOnlyList<WatchedDirectory> Directories { get; init; } = [];

    /// <summary>The file it was read from; null when there was none.</summary>
    public string? SourcePath { get; init; }
}
