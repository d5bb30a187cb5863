using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// One connection of a store, used by one operation at a time: reads run as they are, writes in one IMMEDIATE
/// transaction, and SQLite errors become one-line <see cref="CertwrightException"/>s naming the file.
/// </summary>
internal sealed class SqliteGatedConnection(SqliteDatabase database, SqliteConnection connection, object owner)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _closed;

    public SqliteDatabase Database => database;

    public async Task<T> RunAsync<T>(bool write, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, owner);
            if (!write)
            {
                return work(connection);
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection);
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw database.Map(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for the running operation, runs <paramref name="beforeClose"/> (e.g. disposing prepared statements) and closes; idempotent.</summary>
    public async ValueTask CloseAsync(Action? beforeClose = null)
    {
        await _gate.WaitAsync();
        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            beforeClose?.Invoke();
            connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
