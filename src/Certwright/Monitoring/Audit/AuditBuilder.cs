using Certwright.Certificates;
using Certwright.Inventory;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;

namespace Certwright.Monitoring.Audit;

/// <summary>
/// Builds the audit report: the findings of each endpoint target's latest check and of each watched directory's
/// latest import, and, for every certificate the inventory found in files, its expiry finding (and the
/// certificate profile findings when a <see cref="CertificateFindings"/> evaluator is given).
/// </summary>
public sealed class AuditBuilder
{
    private readonly IMonitorStore _monitor;
    private readonly IInventoryStore _inventory;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, InventoryEntry?> _entries = new(StringComparer.Ordinal);

    public AuditBuilder(IMonitorStore monitor, IInventoryStore inventory, TimeProvider timeProvider)
    {
        _monitor = monitor;
        _inventory = inventory;
        _time = timeProvider;
    }

    /// <summary>More findings for a certificate found in a file (weak key, SHA-1...), evaluated at the given time; null for expiry only.</summary>
    public Func<CertificateRecord, DateTimeOffset, IEnumerable<Finding>>? CertificateFindings { get; init; }

    public async Task<AuditReport> BuildAsync(AuditOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = _time.GetUtcNow();
        var rows = new List<AuditRow>();
        var notChecked = new List<string>();
        var latest = (await _monitor.GetLatestAsync(withFindings: true, cancellationToken)).ToDictionary(r => r.Target, StringComparer.Ordinal);
        foreach (var target in options.Targets.Where(t => InScope(t.Namespace, options)))
        {
            if (!latest.TryGetValue(target.Key, out var result))
            {
                notChecked.Add(target.Key);
                continue;
            }

            foreach (var finding in result.Findings)
            {
                rows.Add(await EndpointRowAsync(target, result, finding, now, cancellationToken));
            }

            if (await LeafQuantumFindingAsync(result, cancellationToken) is { } quantum)
            {
                rows.Add(await EndpointRowAsync(target, result, quantum, now, cancellationToken));
            }
        }

        foreach (var directory in options.Directories.Where(d => InScope(d.Namespace, options)))
        {
            if (!latest.TryGetValue(directory.Key, out var result))
            {
                notChecked.Add(directory.Key);
                continue;
            }

            // The expiry of the files' certificates comes from the inventory below (one row per file, with its days left).
            rows.AddRange(result.Findings.Where(f => !IsExpiryCode(f.Code)).Select(f => new AuditRow
            {
                Namespace = directory.Namespace,
                Owner = directory.Owner,
                Location = f.Subject ?? directory.Key,
                Source = AuditSource.Directory,
                Code = f.Code,
                Severity = f.Severity,
                Message = f.Message,
                ObservedAt = result.CheckedAt,
            }));
        }

        await AddFileRowsAsync(rows, options, latest, now, cancellationToken);
        var groups = rows
            .GroupBy(r => (r.Namespace, r.Owner))
            .OrderBy(g => g.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Owner is null)
            .ThenBy(g => g.Key.Owner, StringComparer.Ordinal)
            .Select(g => new AuditGroup(
                g.Key.Namespace,
                g.Key.Owner,
                g.OrderByDescending(r => r.Severity)
                    .ThenBy(r => r.DaysLeft ?? int.MaxValue)
                    .ThenBy(r => r.Location, StringComparer.Ordinal)
                    .ThenBy(r => r.Code, StringComparer.Ordinal)
                    .ToArray()))
            .ToArray();
        return new AuditReport { GeneratedAt = now, Groups = groups, NotChecked = notChecked };
    }

    private async Task<AuditRow> EndpointRowAsync(MonitorTarget target, CheckResult result, Finding finding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Chain findings name the certificate they are about by fingerprint; the others are about the leaf.
        var sha256 = IsSha256(finding.Subject) ? finding.Subject : result.LeafSha256;
        var entry = sha256 is null ? null : await EntryAsync(sha256, cancellationToken);
        return new AuditRow
        {
            Namespace = target.Namespace,
            Owner = target.Owner,
            Location = target.Key,
            Source = AuditSource.Endpoint,
            Subject = entry?.Subject,
            Sha256 = sha256,
            NotAfter = entry?.NotAfter,
            DaysLeft = entry is null ? null : ExpiryPolicy.DaysLeft(entry.NotAfter, now),
            Code = finding.Code,
            Severity = finding.Severity,
            Message = finding.Message,
            ObservedAt = result.CheckedAt,
        };
    }

    private async Task AddFileRowsAsync(List<AuditRow> rows, AuditOptions options, Dictionary<string, CheckResult> latest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await foreach (var entry in _inventory.ListAsync(new InventoryQuery { Namespace = options.Namespace }, cancellationToken))
        {
            var findings = new List<Finding>();
            if (ExpiryPolicy.Evaluate(entry.NotBefore, entry.NotAfter, now, options.FileThresholds, Describe(entry.Subject)) is { } expiry)
            {
                findings.Add(expiry);
            }

            if (CertificateFindings is { } evaluate && await _inventory.GetDerAsync(entry.Sha256, cancellationToken) is { } der)
            {
                findings.AddRange(evaluate(CertificateRecord.FromDer(der), now));
            }

            if (findings.Count == 0)
            {
                continue;
            }

            var sightings = await _inventory.GetSightingsAsync(entry.Sha256, cancellationToken);
            foreach (var sighting in sightings.Where(s => s.Location.Kind == SightingKind.File && InScope(s.Location.Namespace, options)))
            {
                var directory = ContainingDirectory(sighting.Location.Address, options.Directories);
                if (directory is not null && latest.TryGetValue(directory.Key, out var import) && sighting.LastSeen < import.CheckedAt)
                {
                    // Not found by the watched directory's latest import: the file is gone or changed, the finding is not current.
                    continue;
                }

                var location = sighting.Location.ToString();
                foreach (var finding in findings)
                {
                    rows.Add(new AuditRow
                    {
                        Namespace = sighting.Location.Namespace,
                        Owner = directory?.Owner,
                        Location = location,
                        Source = AuditSource.File,
                        Subject = entry.Subject,
                        Sha256 = entry.Sha256,
                        NotAfter = entry.NotAfter,
                        DaysLeft = ExpiryPolicy.DaysLeft(entry.NotAfter, now),
                        Code = finding.Code,
                        Severity = finding.Severity,
                        Message = finding.Message,
                        ObservedAt = now,
                    });
                }
            }
        }
    }

    /// <summary>
    /// quantum-vulnerable for the leaf an endpoint served at its latest check: checks leave this informational
    /// finding out (it would be on nearly every result), the audit is where the post-quantum plan reads it.
    /// </summary>
    private async Task<Finding?> LeafQuantumFindingAsync(CheckResult result, CancellationToken cancellationToken)
    {
        if (result.LeafSha256 is not { } sha256
            || result.Findings.Any(f => f.Code == FindingCodes.QuantumVulnerable)
            || await _inventory.GetDerAsync(sha256, cancellationToken) is not { } der)
        {
            return null;
        }

        var findings = CertificatePolicy.Evaluate(CertificateRecord.FromDer(der), CertificatePolicyOptions.Default);
        return findings.FirstOrDefault(f => f.Code == FindingCodes.QuantumVulnerable);
    }

    private static bool IsExpiryCode(string code) => code is FindingCodes.Expired or FindingCodes.ExpiresSoon or FindingCodes.NotYetValid;

    private async Task<InventoryEntry?> EntryAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(sha256, out var entry))
        {
            _entries[sha256] = entry = await _inventory.FindAsync(sha256, cancellationToken);
        }

        return entry;
    }

    /// <summary>The owner of the watched directory holding <paramref name="path"/> (the longest path that contains it).</summary>
    internal static string? OwnerOf(string path, IReadOnlyList<WatchedDirectory> directories) => ContainingDirectory(path, directories)?.Owner;

    /// <summary>The watched directory holding <paramref name="path"/> (the longest path that contains it), or null.</summary>
    internal static WatchedDirectory? ContainingDirectory(string path, IReadOnlyList<WatchedDirectory> directories)
    {
        WatchedDirectory? found = null;
        var best = -1;
        foreach (var directory in directories)
        {
            foreach (var root in directory.Paths)
            {
                var contains = string.Equals(path, root, StringComparison.Ordinal)
                    || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);
                if (contains && root.Length > best)
                {
                    best = root.Length;
                    found = directory;
                }
            }
        }

        return found;
    }

    private static bool InScope(string namespaceName, AuditOptions options) =>
        options.Namespace is null || string.Equals(namespaceName, options.Namespace, StringComparison.Ordinal);

    private static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);

    private static string Describe(string subject) => subject.Length == 0 ? "(empty subject)" : subject;
}
