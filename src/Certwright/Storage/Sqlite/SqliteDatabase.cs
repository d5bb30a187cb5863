using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Certwright.Storage.Sqlite;

/// <summary>One database file: opens configured connections and turns SQLite errors into one-line user errors.</summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    private readonly int _busyTimeoutMilliseconds;

    public SqliteDatabase(string path, StorageOptions options)
    {
        Path = path;
        _busyTimeoutMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The store keeps its connections for its lifetime; a pool would keep the file open after dispose.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        _pragmas = SqliteSql.ConnectionPragmas(options.BusyTimeout, options.CacheSizeMiB);
    }

    public string Path { get; }

    /// <summary>Opens a connection with the per-connection settings applied (no file I/O beyond opening it).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Map(e);
        }
    }

    /// <summary>
    /// Opens a connection for one streaming reader at a time, without Microsoft.Data.Sqlite: NOMUTEX spares the
    /// per-call connection mutex SQLite's serialized mode takes (15% of the list path), which is safe because
    /// the store hands each reader connection to one enumeration at a time.
    /// </summary>
    public sqlite3 OpenReader()
    {
        var rc = raw.sqlite3_open_v2(Path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            Check(db, rc);
            Check(db, raw.sqlite3_busy_timeout(db, _busyTimeoutMilliseconds));
            Check(db, raw.sqlite3_exec(db, _pragmas));
            Check(db, raw.sqlite3_exec(db, SqliteSql.ReaderPragmas));
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>A <see cref="CertwrightException"/> naming the file and what to do about the SQLite error.</summary>
    public CertwrightException Map(SqliteException e) => new(ErrorKind.State, Describe(e), e);

    private string Describe(SqliteException e) => e.SqliteErrorCode switch
    {
        raw.SQLITE_NOTADB => $"'{Path}' is not a Certwright database (SQLite: file is not a database); move it away or choose another --data directory",
        raw.SQLITE_CORRUPT => $"inventory database '{Path}' is damaged ({FirstLine(e)}); restore it from a backup or move it away",
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED => $"inventory database '{Path}' stayed locked by another process ({FirstLine(e)}); try again when it has finished",
        raw.SQLITE_CANTOPEN or raw.SQLITE_PERM or raw.SQLITE_READONLY or raw.SQLITE_AUTH =>
            $"cannot open inventory database '{Path}' for writing ({FirstLine(e)}); check the permissions of the file and its directory",
        raw.SQLITE_FULL => $"inventory database '{Path}' cannot grow: the disk is full",
        raw.SQLITE_IOERR => $"I/O error on inventory database '{Path}' ({FirstLine(e)}); check the disk",
        _ => $"inventory database '{Path}' failed: {FirstLine(e)}",
    };

    private void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Map(new SqliteException(db is null || db.IsInvalid ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(db).utf8_to_string(), rc));
        }
    }

    private static string FirstLine(SqliteException e)
    {
        var message = e.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
