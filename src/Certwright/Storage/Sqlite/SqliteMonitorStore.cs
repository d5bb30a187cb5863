using Certwright.Monitoring;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;
using Certwright.Scanning;
using Microsoft.Data.Sqlite;
using static Certwright.Storage.Sqlite.SqliteCommands;

namespace Certwright.Storage.Sqlite;

/// <summary>The monitoring tables of the embedded database, on a connection of their own beside the inventory's (WAL lets both in).</summary>
internal sealed class SqliteMonitorStore : IMonitorStore
{
    private readonly SqliteGatedConnection _connection;
    private readonly TimeProvider _timeProvider;

    private SqliteMonitorStore(SqliteDatabase database, SqliteConnection connection, TimeProvider timeProvider)
    {
        _connection = new SqliteGatedConnection(database, connection, this);
        _timeProvider = timeProvider;
    }

    public string DatabasePath => _connection.Database.Path;

    public static SqliteMonitorStore Open(string path, StorageOptions options, TimeProvider timeProvider) =>
        SqliteStoreOpener.Open(path, options, timeProvider, (database, connection) => new SqliteMonitorStore(database, connection, timeProvider));

    public Task<bool> AddTargetAsync(MonitorTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return RunAsync(write: true, connection =>
        {
            var exists = ScalarInt64(connection, SqliteMonitorSql.TargetExists, ("$key", target.Key)) > 0;
            using var command = Command(connection, SqliteMonitorSql.UpsertTarget);
            var endpoint = target.Endpoint;
            Bind(command, "$key", target.Key);
            Bind(command, "$host", endpoint.Host);
            Bind(command, "$port", endpoint.Port);
            Bind(command, "$server_name", endpoint.ServerName ?? "");
            Bind(command, "$starttls", endpoint.StartTls.Name());
            Bind(command, "$namespace", target.Namespace);
            Bind(command, "$owner", target.Owner);
            Bind(command, "$tags", string.Join(',', target.Tags));
            Bind(command, "$warning_days", target.Thresholds is { } t ? (long)t.Warning.TotalDays : null);
            Bind(command, "$critical_days", target.Thresholds is { } c ? (long)c.Critical.TotalDays : null);
            Bind(command, "$schedule", target.Schedule?.Text);
            Bind(command, "$added_at", SqliteTime.ToSeconds(_timeProvider.GetUtcNow()));
            command.ExecuteNonQuery();
            return !exists;
        }, cancellationToken);
    }

    public Task<bool> RemoveTargetAsync(ScanTarget endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = MonitorTarget.KeyOf(endpoint);
        return RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteMonitorSql.DeleteTarget);
            Bind(command, "$key", key);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<MonitorTarget>> ListTargetsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<MonitorTarget>>(write: false, connection =>
        {
            using var command = Command(connection, SqliteMonitorSql.SelectTargets);
            using var reader = command.ExecuteReader();
            var targets = new List<MonitorTarget>();
            while (reader.Read())
            {
                targets.Add(ReadTarget(reader));
            }

            return targets;
        }, cancellationToken);

    public Task<int> PruneHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteMonitorSql.DeleteOldResults);
            Bind(command, "$before", SqliteTime.ToSeconds(before));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<long> RecordCheckAsync(CheckResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RunAsync(write: true, connection =>
        {
            long id;
            using (var insert = Command(connection, SqliteMonitorSql.InsertResult))
            {
                Bind(insert, "$target", result.Target);
                Bind(insert, "$kind", result.Kind == CheckKind.Endpoint ? "endpoint" : "directory");
                Bind(insert, "$namespace", result.Namespace);
                Bind(insert, "$checked_at", SqliteTime.ToSeconds(result.CheckedAt));
                Bind(insert, "$status", StatusName(result.Status));
                Bind(insert, "$leaf_sha256", result.LeafSha256 is null ? null : Convert.FromHexString(result.LeafSha256));
                Bind(insert, "$worst_severity", (long)result.WorstSeverity);
                Bind(insert, "$duration_ms", (long)Math.Round(result.Duration.TotalMilliseconds));
                Bind(insert, "$error", result.Error);
                id = (long)insert.ExecuteScalar()!;
            }

            using (var previous = Command(connection, SqliteMonitorSql.SelectLatestId))
            {
                Bind(previous, "$target", result.Target);
                if (previous.ExecuteScalar() is long previousId)
                {
                    using var delete = Command(connection, SqliteMonitorSql.DeleteFindings);
                    Bind(delete, "$result_id", previousId);
                    delete.ExecuteNonQuery();
                }
            }

            using (var latest = Command(connection, SqliteMonitorSql.UpsertLatest))
            {
                Bind(latest, "$target", result.Target);
                Bind(latest, "$result_id", id);
                latest.ExecuteNonQuery();
            }

            using var finding = Command(connection, SqliteMonitorSql.InsertFinding);
            for (var i = 0; i < result.Findings.Count; i++)
            {
                var f = result.Findings[i];
                finding.Parameters.Clear();
                Bind(finding, "$result_id", id);
                Bind(finding, "$seq", i);
                Bind(finding, "$code", f.Code);
                Bind(finding, "$severity", (long)f.Severity);
                Bind(finding, "$message", f.Message);
                Bind(finding, "$subject", f.Subject);
                finding.ExecuteNonQuery();
            }

            return id;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CheckResult>> GetHistoryAsync(string target, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return RunAsync<IReadOnlyList<CheckResult>>(write: false, connection =>
        {
            using var command = Command(connection, SqliteMonitorSql.SelectHistory);
            Bind(command, "$target", target);
            Bind(command, "$limit", limit);
            return ReadResults(command);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CheckResult>> GetLatestAsync(bool withFindings, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<CheckResult>>(write: false, connection =>
        {
            using var command = Command(connection, SqliteMonitorSql.SelectLatest);
            var results = ReadResults(command);
            if (!withFindings || results.Count == 0)
            {
                return results;
            }

            var findings = new Dictionary<long, List<Finding>>();
            using var select = Command(connection, SqliteMonitorSql.SelectLatestFindings);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!findings.TryGetValue(id, out var list))
                {
                    findings[id] = list = [];
                }

                list.Add(new Finding(reader.GetString(1), (Severity)reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return results.Select(r => findings.TryGetValue(r.Id, out var list) ? r with { Findings = list } : r).ToArray();
        }, cancellationToken);

    public ValueTask DisposeAsync() => _connection.CloseAsync();

    private Task<T> RunAsync<T>(bool write, Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        _connection.RunAsync(write, work, cancellationToken);

    private static MonitorTarget ReadTarget(SqliteDataReader reader)
    {
        var serverName = reader.GetString(2);
        var startTls = reader.GetString(3) is var name && name == "none" ? StartTlsProtocol.None : StartTlsProtocols.Parse(name);
        var endpoint = new ScanTarget(reader.GetString(0), (int)reader.GetInt64(1), startTls, serverName.Length == 0 ? null : serverName);
        var tags = reader.GetString(6);
        ExpiryThresholds? thresholds = reader.IsDBNull(7) || reader.IsDBNull(8)
            ? null
            : new ExpiryThresholds(TimeSpan.FromDays(reader.GetInt64(7)), TimeSpan.FromDays(reader.GetInt64(8)));
        return new MonitorTarget
        {
            Endpoint = endpoint,
            Namespace = reader.GetString(4),
            Owner = reader.IsDBNull(5) ? null : reader.GetString(5),
            Tags = tags.Length == 0 ? [] : tags.Split(','),
            Thresholds = thresholds,
            Schedule = reader.IsDBNull(9) ? null : CheckSchedule.Parse(reader.GetString(9)),
            Source = TargetSource.Cli,
            Origin = "target add",
        };
    }

    private static List<CheckResult> ReadResults(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var results = new List<CheckResult>();
        while (reader.Read())
        {
            results.Add(new CheckResult
            {
                Id = reader.GetInt64(0),
                Target = reader.GetString(1),
                Kind = reader.GetString(2) == "endpoint" ? CheckKind.Endpoint : CheckKind.Directory,
                Namespace = reader.GetString(3),
                CheckedAt = SqliteTime.FromSeconds(reader.GetInt64(4)),
                Status = ParseStatus(reader.GetString(5)),
                LeafSha256 = reader.IsDBNull(6) ? null : Convert.ToHexStringLower((byte[])reader.GetValue(6)),
                WorstSeverity = (Severity)reader.GetInt64(7),
                Duration = TimeSpan.FromMilliseconds(reader.GetInt64(8)),
                Error = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }

        return results;
    }

    internal static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        CheckStatus.Critical => "critical",
        _ => "failed",
    };

    private static CheckStatus ParseStatus(string text) => text switch
    {
        "ok" => CheckStatus.Ok,
        "warning" => CheckStatus.Warning,
        "critical" => CheckStatus.Critical,
        "failed" => CheckStatus.Failed,
        _ => throw new InvalidDataException($"unknown check status '{text}' in the inventory"),
    };
}
