using Certwright.Monitoring.Configuration;

namespace Certwright.Monitoring;

/// <summary>Everything <c>certwright monitor</c> checks, with each check's schedule and thresholds resolved from the defaults.</summary>
public sealed record MonitorPlan
{
    public IReadOnlyList<PlannedCheck> Checks { get; init; } = [];

    /// <summary>Fraction of a slot a run may start late, at random (see <see cref="MonitorDefaults.Jitter"/>).</summary>
    public double Jitter { get; init; } = MonitorConstants.DefaultJitter;

    /// <summary>Checks running at once.</summary>
    public int Concurrency { get; init; } = MonitorConstants.DefaultConcurrency;

    /// <summary>
    /// The checks of the configuration file and of <c>target add</c>. A stored target whose key the file lists too is
    /// left out: the file's definition wins. <paramref name="namespaceFilter"/> keeps only that namespace's checks.
    /// </summary>
    public static MonitorPlan Create(MonitorConfiguration configuration, IEnumerable<MonitorTarget> storedTargets, string? namespaceFilter = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storedTargets);
        var defaults = configuration.Defaults;
        var targets = MergeTargets(configuration.Targets, storedTargets);
        var checks = new List<PlannedCheck>();
        foreach (var target in targets)
        {
            checks.Add(new PlannedCheck
            {
                Key = target.Key,
                Kind = CheckKind.Endpoint,
                Target = target,
                Schedule = target.Schedule ?? defaults.Schedule,
                Thresholds = target.Thresholds ?? defaults.Thresholds,
                Namespace = target.Namespace,
                Owner = target.Owner,
                Probe = target.Probe ?? defaults.Probe,
            });
        }

        foreach (var directory in configuration.Directories)
        {
            checks.Add(new PlannedCheck
            {
                Key = directory.Key,
                Kind = CheckKind.Directory,
                Directory = directory,
                Schedule = directory.Schedule ?? defaults.Schedule,
                Thresholds = defaults.Thresholds,
                Namespace = directory.Namespace,
                Owner = directory.Owner,
            });
        }

        return new MonitorPlan
        {
            Checks = namespaceFilter is null ? checks : checks.Where(c => string.Equals(c.Namespace, namespaceFilter, StringComparison.Ordinal)).ToArray(),
            Jitter = defaults.Jitter,
            Concurrency = defaults.Concurrency,
        };
    }

    /// <summary>Config-file targets first, then stored ones whose key the file does not list.</summary>
    public static IReadOnlyList<MonitorTarget> MergeTargets(IEnumerable<MonitorTarget> fileTargets, IEnumerable<MonitorTarget> storedTargets)
    {
        var merged = fileTargets.ToList();
        var keys = merged.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        merged.AddRange(storedTargets.Where(t => keys.Add(t.Key)));
        return merged;
    }
}
