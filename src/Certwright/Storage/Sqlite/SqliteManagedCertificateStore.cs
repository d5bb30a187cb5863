using Certwright.Keys;
using Certwright.Renewal;
using Microsoft.Data.Sqlite;
using static Certwright.Storage.Sqlite.SqliteCommands;

namespace Certwright.Storage.Sqlite;

/// <summary>The managed certificates and their renewal state, on a connection of their own in the inventory's database.</summary>
internal sealed class SqliteManagedCertificateStore : IManagedCertificateStore
{
    private readonly SqliteGatedConnection _connection;
    private readonly TimeProvider _timeProvider;

    private SqliteManagedCertificateStore(SqliteDatabase database, SqliteConnection connection, TimeProvider timeProvider)
    {
        _connection = new SqliteGatedConnection(database, connection, this);
        _timeProvider = timeProvider;
    }

    public static SqliteManagedCertificateStore Open(string path, StorageOptions options, TimeProvider timeProvider) =>
        SqliteStoreOpener.Open(path, options, timeProvider, (database, connection) => new SqliteManagedCertificateStore(database, connection, timeProvider));

    public Task<bool> SaveAsync(ManagedCertificate managed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managed);
        return _connection.RunAsync(write: true, connection =>
        {
            var exists = ScalarInt64(connection, SqliteManagedSql.Exists, ("$name", managed.Name)) > 0;
            using var command = Command(connection, SqliteManagedSql.Upsert);
            Bind(command, "$name", managed.Name);
            Bind(command, "$namespace", managed.Namespace);
            Bind(command, "$source_kind", managed.Source.Kind);
            Bind(command, "$source", SqliteManagedJson.Source(managed.Source));
            Bind(command, "$domains", SqliteManagedJson.Strings(managed.Domains));
            Bind(command, "$key_type", KeyTypes.Format(managed.KeyType));
            Bind(command, "$renew_before", managed.RenewBefore is { } before ? (long)before.TotalSeconds : null);
            Bind(command, "$deploy", SqliteManagedJson.Targets(managed.DeployTargets));
            Bind(command, "$reload_command", managed.ReloadCommand);
            Bind(command, "$verify_endpoints", SqliteManagedJson.Strings(managed.VerifyEndpoints));
            Bind(command, "$added_at", SqliteTime.ToSeconds(_timeProvider.GetUtcNow()));
            command.ExecuteNonQuery();
            return !exists;
        }, cancellationToken);
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _connection.RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteManagedSql.Delete);
            Bind(command, "$name", name);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ManagedEntry>> ListAsync(string? @namespace, CancellationToken cancellationToken) =>
        _connection.RunAsync<IReadOnlyList<ManagedEntry>>(write: false, connection =>
        {
            using var command = Command(connection, @namespace is null ? SqliteManagedSql.SelectAll : SqliteManagedSql.SelectNamespace);
            if (@namespace is not null)
            {
                Bind(command, "$namespace", @namespace);
            }

            return ReadAll(command, Read);
        }, cancellationToken);

    public Task SaveStateAsync(string name, ManagedCertificateState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(state);
        return _connection.RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteManagedSql.UpsertState);
            Bind(command, "$name", name);
            Bind(command, "$current_sha256", state.CurrentSha256 is null ? null : Convert.FromHexString(state.CurrentSha256));
            Bind(command, "$current_der", state.CurrentDer);
            Bind(command, "$not_before", Seconds(state.NotBefore));
            Bind(command, "$not_after", Seconds(state.NotAfter));
            Bind(command, "$last_attempt", Seconds(state.LastAttempt));
            Bind(command, "$last_result", state.LastResult);
            Bind(command, "$last_error", state.LastError);
            Bind(command, "$consecutive_failures", (long)state.ConsecutiveFailures);
            Bind(command, "$next_attempt_after", Seconds(state.NextAttemptAfter));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public ValueTask DisposeAsync() => _connection.CloseAsync();

    private static ManagedEntry Read(SqliteDataReader reader)
    {
        var managed = new ManagedCertificate
        {
            Name = reader.GetString(0),
            Namespace = reader.GetString(1),
            Source = SqliteManagedJson.ReadSource(reader.GetString(2), reader.GetString(3)),
            Domains = SqliteManagedJson.ReadStrings(reader.GetString(4), "domains"),
            KeyType = KeyTypes.Parse(reader.GetString(5)),
            RenewBefore = reader.IsDBNull(6) ? null : TimeSpan.FromSeconds(reader.GetInt64(6)),
            DeployTargets = SqliteManagedJson.ReadTargets(reader.GetString(7)),
            ReloadCommand = reader.IsDBNull(8) ? null : reader.GetString(8),
            VerifyEndpoints = SqliteManagedJson.ReadStrings(reader.GetString(9), "verify_endpoints"),
        };
        var state = ManagedCertificateState.None;
        if (!reader.IsDBNull(17))
        {
            state = new ManagedCertificateState
            {
                CurrentSha256 = reader.IsDBNull(10) ? null : Convert.ToHexStringLower((byte[])reader[10]),
                CurrentDer = reader.IsDBNull(11) ? null : (byte[])reader[11],
                NotBefore = Time(reader, 12),
                NotAfter = Time(reader, 13),
                LastAttempt = Time(reader, 14),
                LastResult = reader.IsDBNull(15) ? null : reader.GetString(15),
                LastError = reader.IsDBNull(16) ? null : reader.GetString(16),
                ConsecutiveFailures = reader.GetInt32(17),
                NextAttemptAfter = Time(reader, 18),
            };
        }

        return new ManagedEntry(managed, state);
    }

    private static long? Seconds(DateTimeOffset? time) => time is { } t ? SqliteTime.ToSeconds(t) : null;

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : SqliteTime.FromSeconds(reader.GetInt64(ordinal));
}
