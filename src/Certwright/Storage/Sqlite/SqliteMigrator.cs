using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>Brings a database to <see cref="SqliteSchema.CurrentVersion"/>, or refuses one this build does not understand.</summary>
internal static class SqliteMigrator
{
    /// <summary>Returns the schema version; when it is current this is one header read and nothing else.</summary>
    public static int Migrate(SqliteConnection connection, string path, TimeProvider timeProvider)
    {
        var version = ReadVersion(connection);
        if (version == SqliteSchema.CurrentVersion)
        {
            return version;
        }

        RefuseNewer(version, path);
        if (version == 0)
        {
            RefuseForeign(connection, path);
            // Only takes effect on a file without tables, before WAL is on: see SqliteSql.PageSize.
            Execute(connection, SqliteSql.SetPageSize);
        }

        // WAL must be switched on outside a transaction; it is a property of the file, set once.
        if (!string.Equals(Scalar<string>(connection, SqliteSql.JournalMode), "wal", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(Scalar<string>(connection, SqliteSql.EnableWal), "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new CertwrightException(
                ErrorKind.State,
                $"cannot switch inventory database '{path}' to write-ahead logging; keep the data directory on a local file system");
        }

        // IMMEDIATE: take the write lock first, then re-read, so two processes opening a new file migrate it once.
        // Migrations may rebuild a table (SQLite cannot alter a CHECK): its documented procedure runs with foreign
        // keys off, so that dropping the old table does not cascade, and checks them before committing.
        Execute(connection, "PRAGMA foreign_keys = OFF;");
        try
        {
            return Apply(connection, path, timeProvider);
        }
        finally
        {
            Execute(connection, "PRAGMA foreign_keys = ON;");
        }
    }

    private static int Apply(SqliteConnection connection, string path, TimeProvider timeProvider)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = (int)Scalar<long>(connection, SqliteSql.UserVersion, transaction);
        RefuseNewer(version, path);
        foreach (var migration in SqliteSchema.Migrations.Where(m => m.Version > version))
        {
            Execute(connection, migration.Sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = SqliteSql.InsertMigration;
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$name", migration.Name);
            record.Parameters.AddWithValue("$applied_at", SqliteTime.ToSeconds(timeProvider.GetUtcNow()));
            record.ExecuteNonQuery();
        }

        Execute(connection, SqliteSql.SetUserVersion(SqliteSchema.CurrentVersion), transaction);
        using (var check = connection.CreateCommand())
        {
            check.Transaction = transaction;
            check.CommandText = "PRAGMA foreign_key_check;";
            using var violations = check.ExecuteReader();
            if (violations.Read())
            {
                throw new CertwrightException(
                    ErrorKind.State,
                    $"inventory database '{path}' has a dangling reference in table '{violations.GetString(0)}'; nothing was migrated; restore it from a backup");
            }
        }

        transaction.Commit();
        return SqliteSchema.CurrentVersion;
    }

    public static int ReadVersion(SqliteConnection connection) => (int)Scalar<long>(connection, SqliteSql.UserVersion);

    private static void RefuseNewer(int version, string path)
    {
        if (version > SqliteSchema.CurrentVersion)
        {
            throw new CertwrightException(
                ErrorKind.State,
                $"inventory database '{path}' has schema version {version}, newer than this certwright understands ({SqliteSchema.CurrentVersion}); upgrade certwright");
        }
    }

    private static void RefuseForeign(SqliteConnection connection, string path)
    {
        if (Scalar<long>(connection, SqliteSql.CountTables) > 0 && Scalar<long>(connection, SqliteSql.HasMigrationsTable) == 0)
        {
            throw new CertwrightException(
                ErrorKind.State,
                $"'{path}' is a SQLite database of another program, not a Certwright inventory; choose another --data directory");
        }
    }

    private static T Scalar<T>(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
