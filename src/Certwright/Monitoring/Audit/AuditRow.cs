using Certwright.Policy;

namespace Certwright.Monitoring.Audit;

/// <summary>Where an audit row's finding comes from.</summary>
public enum AuditSource
{
    /// <summary>The latest check of an endpoint target.</summary>
    Endpoint,

    /// <summary>A certificate the inventory found in a file.</summary>
    File,

    /// <summary>The latest import of a watched directory (unreadable files and the like).</summary>
    Directory,
}

/// <summary>One current finding, with where it is and which certificate it is about.</summary>
public sealed record AuditRow
{
    public required string Namespace { get; init; }

    public string? Owner { get; init; }

    /// <summary><c>host:port</c> of an endpoint, or a file path.</summary>
    public required string Location { get; init; }

    public required AuditSource Source { get; init; }

    /// <summary>Subject of the certificate the finding is about; null when it is about no one certificate (unreachable endpoint).</summary>
    public string? Subject { get; init; }

    /// <summary>SHA-256 of that certificate, lowercase hex.</summary>
    public string? Sha256 { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Whole days until <see cref="NotAfter"/> at the report's time; negative once expired.</summary>
    public int? DaysLeft { get; init; }

    public required string Code { get; init; }

    public required Severity Severity { get; init; }

    public required string Message { get; init; }

    /// <summary>When the finding was observed: the check's time for endpoints, the report's time for files.</summary>
    public required DateTimeOffset ObservedAt { get; init; }
}

/// <summary>The rows of one namespace and owner.</summary>
public sealed record AuditGroup(string Namespace, string? Owner, IReadOnlyList<AuditRow> Rows);

/// <summary>Every current finding, grouped by namespace and owner (both in ordinal order, no owner last), worst first within a group.</summary>
public sealed record AuditReport
{
    public required DateTimeOffset GeneratedAt { get; init; }

    public IReadOnlyList<AuditGroup> Groups { get; init; } = [];

    /// <summary>Endpoint targets and watched directories that have no recorded check yet (run <c>certwright monitor --once</c>).</summary>
    public IReadOnlyList<string> NotChecked { get; init; } = [];

    public IEnumerable<AuditRow> Rows => Groups.SelectMany(g => g.Rows);

    /// <summary>The worst severity of any row; <see cref="Severity.Ok"/> when there are none.</summary>
    public Severity Worst => Groups.Count == 0 ? Severity.Ok : Rows.Max(r => r.Severity);

    public int Count(Severity severity) => Rows.Count(r => r.Severity == severity);
}
