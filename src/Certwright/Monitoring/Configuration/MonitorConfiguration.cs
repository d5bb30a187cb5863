namespace Certwright.Monitoring.Configuration;

/// <summary>What <c>certwright.yaml</c> says: defaults, endpoint targets, watched directories and certificate profiles.</summary>
public sealed record MonitorConfiguration
{
    public static readonly MonitorConfiguration Empty = new();

    public MonitorDefaults Defaults { get; init; } = new();

    public IReadOnlyList<MonitorTarget> Targets { get; init; } = [];

    public IReadOnlyList<WatchedDirectory> Directories { get; init; } = [];

    /// <summary>
    /// The <c>profiles:</c> section resolved: built-in profiles it overrides and new ones (each from a built-in <c>base</c>).
    /// <see cref="Authority.CertificateProfiles.Get(string, IReadOnlyList{Authority.CertificateProfile})"/> looks here first.
    /// </summary>
    public IReadOnlyList<Authority.CertificateProfile> Profiles { get; init; } = [];

    /// <summary>The file it was read from; null when there was none.</summary>
    public string? SourcePath { get; init; }
}
