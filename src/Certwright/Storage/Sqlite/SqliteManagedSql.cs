namespace Certwright.Storage.Sqlite;

/// <summary>The statements of the managed-certificate store (schema v4).</summary>
internal static class SqliteManagedSql
{
    public const string Exists = "SELECT count(*) FROM managed_certificates WHERE name = $name;";

    public const string Upsert = """
        INSERT INTO managed_certificates (name, namespace, source_kind, source, domains, key_type, renew_before, deploy, reload_command, verify_endpoints, added_at)
        VALUES ($name, $namespace, $source_kind, $source, $domains, $key_type, $renew_before, $deploy, $reload_command, $verify_endpoints, $added_at)
        ON CONFLICT (name) DO UPDATE SET
            namespace = excluded.namespace, source_kind = excluded.source_kind, source = excluded.source, domains = excluded.domains,
            key_type = excluded.key_type, renew_before = excluded.renew_before, deploy = excluded.deploy,
            reload_command = excluded.reload_command, verify_endpoints = excluded.verify_endpoints;
        """;

    public const string Delete = "DELETE FROM managed_certificates WHERE name = $name;";

    private const string SelectColumns = """
        SELECT m.name, m.namespace, m.source_kind, m.source, m.domains, m.key_type, m.renew_before, m.deploy, m.reload_command, m.verify_endpoints,
               s.current_sha256, s.current_der, s.not_before, s.not_after, s.last_attempt, s.last_result, s.last_error, s.consecutive_failures, s.next_attempt_after
        FROM managed_certificates m LEFT JOIN managed_state s ON s.name = m.name
        """;

    public const string SelectAll = SelectColumns + " ORDER BY m.namespace, m.name;";

    public const string SelectNamespace = SelectColumns + " WHERE m.namespace = $namespace ORDER BY m.name;";

    public const string UpsertState = """
        INSERT INTO managed_state (name, current_sha256, current_der, not_before, not_after, last_attempt, last_result, last_error, consecutive_failures, next_attempt_after)
        SELECT $name, $current_sha256, $current_der, $not_before, $not_after, $last_attempt, $last_result, $last_error, $consecutive_failures, $next_attempt_after
        WHERE EXISTS (SELECT 1 FROM managed_certificates WHERE name = $name)
        ON CONFLICT (name) DO UPDATE SET
            current_sha256 = excluded.current_sha256, current_der = excluded.current_der, not_before = excluded.not_before,
            not_after = excluded.not_after, last_attempt = excluded.last_attempt, last_result = excluded.last_result,
            last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures, next_attempt_after = excluded.next_attempt_after;
        """;
}
