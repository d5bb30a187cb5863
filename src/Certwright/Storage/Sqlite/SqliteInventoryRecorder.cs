using Certwright.Inventory;
using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// A recording session on the store's write connection: one IMMEDIATE transaction spans batches until
/// <paramref name="commitInterval"/> observations are in it. Holds the store's gate from
/// <see cref="SqliteInventoryStore.BeginRecordingAsync"/> to dispose.
/// </summary>
internal sealed class SqliteInventoryRecorder(SqliteInventoryStore store, SqliteConnection connection, int commitInterval) : IInventoryRecorder
{
    private SqliteTransaction? _transaction;
    private SqliteWriteback? _writeback;
    private SqliteBatchWriter? _writer;
    private int _uncommitted;
    private bool _disposed;

    public Task<RecordSummary> RecordAsync(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.Count == 0)
        {
            return Task.FromResult(RecordSummary.Empty);
        }

        try
        {
            _transaction ??= Begin();
            _writeback ??= SqliteWriteback.Start(store.DatabasePath);
            _writer ??= store.CreateWriter();
            var summary = _writer.RecordBatch(batch, cancellationToken);
            _uncommitted += batch.Count;
            if (_uncommitted >= commitInterval)
            {
                Commit();
            }

            return Task.FromResult(summary);
        }
        // A savepoint per batch would copy every page a batch touches into a sub-journal (a fifth of the
        // recording time): a failed batch rolls back the whole uncommitted transaction instead.
        catch (SqliteException e)
        {
            Rollback();
            throw store.Map(e);
        }
        catch
        {
            Rollback();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Commit();
        }
        catch (SqliteException e)
        {
            throw store.Map(e);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        try
        {
            _writeback?.Dispose();
            // Uncommitted batches are rolled back.
            Rollback();
        }
        finally
        {
            store.EndRecording();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Opens the session's next transaction, with foreign-key enforcement off: the writer only links rows it has
    /// just found or inserted in the same transaction, and the two parent look-ups per sighting were a tenth of
    /// the B-tree work (the recorder, integrity and concurrency tests check the links with PRAGMA foreign_key_check).
    /// The pragma does nothing inside a transaction, so it is switched around it.
    /// </summary>
    private SqliteTransaction Begin()
    {
        ForeignKeys(SqliteSql.ForeignKeysOff);
        try
        {
            return connection.BeginTransaction(deferred: false);
        }
        catch
        {
            ForeignKeys(SqliteSql.ForeignKeysOn);
            throw;
        }
    }

    // A flag pragma acts when it is compiled, not when it runs: prepare it each time.
    private void ForeignKeys(string pragma)
    {
        using var statement = new SqliteRawStatement(connection, pragma);
        statement.Execute();
    }

    private void Rollback()
    {
        _writer = null;
        _uncommitted = 0;
        var transaction = _transaction;
        _transaction = null;
        if (transaction is not null)
        {
            try
            {
                transaction.Dispose();
            }
            finally
            {
                ForeignKeys(SqliteSql.ForeignKeysOn);
            }
        }
    }

    private void Commit()
    {
        if (_transaction is null)
        {
            return;
        }

        _transaction.Commit();
        _transaction.Dispose();
        _transaction = null;
        ForeignKeys(SqliteSql.ForeignKeysOn);
        store.Committed();
        _writer = null;
        _uncommitted = 0;
    }
}
