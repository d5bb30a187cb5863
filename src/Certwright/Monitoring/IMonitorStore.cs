using Certwright.Monitoring.Configuration;
using Certwright.Scanning;

namespace Certwright.Monitoring;

/// <summary>
/// What monitoring keeps in the inventory database beside the certificates: the targets added with
/// <c>certwright target add</c>, the history of every check, and the findings of each target's latest check.
/// </summary>
/// <remarks>One instance may be shared by several threads; calls are serialised. Other processes may use the same database.</remarks>
public interface IMonitorStore : IAsyncDisposable
{
    /// <summary>Adds a target, or replaces the one with the same <see cref="MonitorTarget.Key"/>. True when it is new.</summary>
    Task<bool> AddTargetAsync(MonitorTarget target, CancellationToken cancellationToken);

    /// <summary>Removes the target with this endpoint's key (its check history stays). True when there was one.</summary>
    Task<bool> RemoveTargetAsync(ScanTarget endpoint, CancellationToken cancellationToken);

    /// <summary>The targets added with <c>target add</c> (<see cref="TargetSource.Cli"/>), in the order added.</summary>
    Task<IReadOnlyList<MonitorTarget>> ListTargetsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records a check in the history and makes it its target's latest; the findings replace those of the
    /// previous latest check. Returns the result's id.
    /// </summary>
    Task<long> RecordCheckAsync(CheckResult result, CancellationToken cancellationToken);

    /// <summary>Deletes the results checked before <paramref name="before"/>, except each target's latest. Returns how many went.</summary>
    Task<int> PruneHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>The checks of one target, newest first, without findings.</summary>
    Task<IReadOnlyList<CheckResult>> GetHistoryAsync(string target, int limit, CancellationToken cancellationToken);

    /// <summary>The latest check of every target ever checked, with its findings when <paramref name="withFindings"/>.</summary>
    Task<IReadOnlyList<CheckResult>> GetLatestAsync(bool withFindings, CancellationToken cancellationToken);
}
