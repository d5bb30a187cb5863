namespace Certwright.Storage.Sqlite;

/// <summary>The statements of the monitoring tables (schema v2, see <see cref="SqliteSchema"/>), kept together for a PostgreSQL mirror.</summary>
internal static class SqliteMonitorSql
{
    // --- targets ---
    public const string UpsertTarget = """
        INSERT INTO monitor_targets (target_key, host, port, server_name, starttls, namespace, owner, tags, warning_days, critical_days, schedule, added_at)
        VALUES ($key, $host, $port, $server_name, $starttls, $namespace, $owner, $tags, $warning_days, $critical_days, $schedule, $added_at)
        ON CONFLICT (target_key) DO UPDATE SET
            host = excluded.host, port = excluded.port, server_name = excluded.server_name, starttls = excluded.starttls,
            namespace = excluded.namespace, owner = excluded.owner, tags = excluded.tags, warning_days = excluded.warning_days,
            critical_days = excluded.critical_days, schedule = excluded.schedule;
        """;

    public const string TargetExists = "SELECT count(*) FROM monitor_targets WHERE target_key = $key;";

    public const string DeleteTarget = "DELETE FROM monitor_targets WHERE target_key = $key;";

    // Column order is what SqliteMonitorStore.ReadTarget reads.
    public const string SelectTargets = """
        SELECT host, port, server_name, starttls, namespace, owner, tags, warning_days, critical_days, schedule
        FROM monitor_targets ORDER BY id;
        """;

    // --- check results ---
    // Each target's latest result stays (the audit reads it); its findings go with it by cascade otherwise.
    public const string DeleteOldResults = """
        DELETE FROM check_results
        WHERE checked_at < $before AND id NOT IN (SELECT result_id FROM check_latest);
        """;

    public const string InsertResult = """
        INSERT INTO check_results (target, kind, namespace, checked_at, status, leaf_sha256, worst_severity, duration_ms, error)
        VALUES ($target, $kind, $namespace, $checked_at, $status, $leaf_sha256, $worst_severity, $duration_ms, $error);
        SELECT last_insert_rowid();
        """;

    public const string SelectLatestId = "SELECT result_id FROM check_latest WHERE target = $target;";

    public const string UpsertLatest = """
        INSERT INTO check_latest (target, result_id) VALUES ($target, $result_id)
        ON CONFLICT (target) DO UPDATE SET result_id = excluded.result_id;
        """;

    public const string DeleteFindings = "DELETE FROM check_findings WHERE result_id = $result_id;";

    public const string InsertFinding = """
        INSERT INTO check_findings (result_id, seq, code, severity, message, subject)
        VALUES ($result_id, $seq, $code, $severity, $message, $subject);
        """;

    // Column order is what SqliteMonitorStore.ReadResult reads.
    private const string ResultColumns = "r.id, r.target, r.kind, r.namespace, r.checked_at, r.status, r.leaf_sha256, r.worst_severity, r.duration_ms, r.error";

    public const string SelectHistory = $"""
        SELECT {ResultColumns} FROM check_results r WHERE r.target = $target ORDER BY r.id DESC LIMIT $limit;
        """;

    public const string SelectLatest = $"""
        SELECT {ResultColumns} FROM check_latest l JOIN check_results r ON r.id = l.result_id ORDER BY r.target;
        """;

    public const string SelectLatestFindings = """
        SELECT f.result_id, f.code, f.severity, f.message, f.subject
        FROM check_latest l JOIN check_findings f ON f.result_id = l.result_id ORDER BY f.result_id, f.seq;
        """;
}
