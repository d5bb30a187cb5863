using Certwright.Inventory;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// The list query running on a reader connection of its own; columns are read straight from SQLite's row
/// buffer (see <see cref="SqliteSql.EntryColumns"/> for their order).
/// </summary>
internal sealed class SqliteListReader : IInventoryEntryReader
{
    private const int CancellationCheckInterval = 256;

    private readonly SqliteInventoryStore _store;
    private readonly sqlite3 _connection;
    private readonly SqliteRawStatement _statement;
    private readonly CancellationToken _cancellationToken;
    private int _rows;
    private bool _disposed;

    private SqliteListReader(SqliteInventoryStore store, sqlite3 connection, SqliteRawStatement statement, CancellationToken cancellationToken)
    {
        _store = store;
        _connection = connection;
        _statement = statement;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The statement on the current row, for <see cref="SqliteEntryReader"/>.</summary>
    public SqliteRawStatement Row => _statement;

    public ReadOnlySpan<byte> Sha256 => _statement.Blob(0);

    public ReadOnlySpan<byte> Sha1 => _statement.Blob(1);

    public ReadOnlySpan<byte> SerialNumberUtf8 => _statement.Blob(2);

    public ReadOnlySpan<byte> SubjectUtf8 => _statement.Blob(3);

    public ReadOnlySpan<byte> IssuerUtf8 => _statement.Blob(4);

    public bool HasCommonName => !_statement.IsNull(5);

    public ReadOnlySpan<byte> CommonNameUtf8 => _statement.Blob(5);

    public DateTimeOffset NotBefore => SqliteTime.FromSeconds(_statement.Int64(6));

    public DateTimeOffset NotAfter => SqliteTime.FromSeconds(_statement.Int64(7));

    public ReadOnlySpan<byte> KeyDescriptionUtf8 => _statement.Blob(8);

    public int KeyBits => (int)_statement.Int64(9);

    public ReadOnlySpan<byte> SignatureAlgorithmUtf8 => _statement.Blob(10);

    public ReadOnlySpan<byte> SubjectAlternativeNamesUtf8 => _statement.Blob(11);

    public bool IsCertificateAuthority => _statement.Int64(12) != 0;

    public bool IsSelfSigned => _statement.Int64(13) != 0;

    public int SightingCount => (int)_statement.Int64(14);

    public ReadOnlySpan<byte> FirstLocationUtf8 => _statement.Blob(15);

    public DateTimeOffset FirstSeen => SqliteTime.FromSeconds(_statement.Int64(16));

    /// <summary>Prepares the list query for <paramref name="query"/> on <paramref name="connection"/>, which the reader returns to the store on dispose.</summary>
    public static SqliteListReader Open(SqliteInventoryStore store, sqlite3 connection, InventoryQuery query, CancellationToken cancellationToken)
    {
        SqliteRawStatement? statement = null;
        try
        {
            statement = new SqliteRawStatement(connection, query.Namespace is null ? SqliteSql.List : SqliteSql.ListInNamespace);
            var before = query.ExpiringBefore is { } instant ? SqliteTime.CeilingSeconds(instant) : long.MaxValue;
            statement.Bind("$before", before);
            statement.Bind("$before_id", SqliteCertificateKeys.Bound(before));
            statement.Bind("$limit", query.Limit ?? -1);
            if (query.Namespace is not null)
            {
                statement.Bind("$namespace", query.Namespace);
            }

            return new SqliteListReader(store, connection, statement, cancellationToken);
        }
        catch (SqliteException e)
        {
            statement?.Dispose();
            throw store.Map(e);
        }
    }

    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (++_rows % CancellationCheckInterval == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            return _statement.Step();
        }
        catch (SqliteException e)
        {
            throw _store.Map(e);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _statement.Dispose();
        _store.ReturnReader(_connection);
    }
}
