using Certwright.Inventory;
using Certwright.Policy;

namespace Certwright.Monitoring;

/// <summary>One recorded check of a target or watched directory: when, how it went, and (for the latest) its findings.</summary>
public sealed record CheckResult
{
    /// <summary>The store's id; 0 before it is recorded.</summary>
    public long Id { get; init; }

    /// <summary>The target's key (<see cref="Configuration.MonitorTarget.Key"/> or <see cref="Configuration.WatchedDirectory.Key"/>).</summary>
    public required string Target { get; init; }

    public CheckKind Kind { get; init; } = CheckKind.Endpoint;

    public string Namespace { get; init; } = SightingLocation.DefaultNamespace;

    public required DateTimeOffset CheckedAt { get; init; }

    public required CheckStatus Status { get; init; }

    /// <summary>SHA-256 of the leaf served (lowercase hex); null when the check got no leaf.</summary>
    public string? LeafSha256 { get; init; }

    /// <summary>The worst finding's severity; <see cref="Severity.Ok"/> with none.</summary>
    public Severity WorstSeverity { get; init; }

    /// <summary>How long the check took (wall time, whole milliseconds when read back).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why a <see cref="CheckStatus.Failed"/> check failed; null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>The check's findings, worst first. Kept for the latest result of each target only; empty in history reads.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The status a completed check has for its worst severity.</summary>
    public static CheckStatus StatusOf(Severity worst) => worst switch
    {
        Severity.Critical => CheckStatus.Critical,
        Severity.Warning => CheckStatus.Warning,
        _ => CheckStatus.Ok,
    };
}
