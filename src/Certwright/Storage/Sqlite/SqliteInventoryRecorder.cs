using Certwright.Inventory;
using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// A recording session on the store's write connection: one IMMEDIATE transaction spans batches until
/// <paramref name="commitInterval"/> observations are handed over. Holds the store's gate from
/// <see cref="SqliteInventoryStore.BeginRecordingAsync"/> to dispose.
/// </summary>
/// <remarks>
/// Batches are encoded into one row buffer while the other, full, is written in key order (<see cref="SqliteKeyOrder"/>),
/// a slice per batch handed over: the writing keeps pace with the filling and is done when the other buffer is full,
/// so a caller handing batches over from a parsing pipeline never waits for a whole buffer to be written.
/// </remarks>
internal sealed class SqliteInventoryRecorder(SqliteInventoryStore store, SqliteConnection connection, int commitInterval, LocationHash locationHash) : IInventoryRecorder
{
    /// <summary>
    /// Rows a buffer takes before it is written. Ordered by key, 16,384 rows of a 100,000-certificate import were
    /// written for ~75 % of the CPU arrival order took (the B-trees' leaves come one after another, not at random);
    /// what waits at the end is written after parsing has stopped, so larger buffers gain less than they cost.
    /// </summary>
    public const int BufferRows = 16_384;

    /// <summary>
    /// Steps of the writing buffer taken per row handed over, relative to its size: 1.5 finishes it when the filling
    /// one is two thirds full, so the last rows wait less and the writer idles while parsing goes on.
    /// </summary>
    private const double Pace = 1.5;

    private readonly SqliteKeyOrder _order = new();
    private SqliteRowBuffer _filling = new(locationHash);
    private SqliteRowBuffer _writing = new(locationHash);
    private SqliteTransaction? _transaction;
    private SqliteWriteback? _writeback;
    private SqliteBatchWriter? _writer;
    private int _step;
    private int _steps;
    private int _handedOver;
    private bool _disposed;

    public Task<RecordSummary> RecordAsync(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.Count == 0)
        {
            return Task.FromResult(RecordSummary.Empty);
        }

        return Guarded(() =>
        {
            for (var i = 0; i < batch.Count; i++)
            {
                _filling.Add(batch[i]);
            }

            _handedOver += batch.Count;
            return _handedOver >= commitInterval ? FlushAndCommit(cancellationToken) : Advance(cancellationToken);
        });
    }

    public Task<RecordSummary> CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Guarded(() => FlushAndCommit(cancellationToken));
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

    /// <summary>
    /// Writes as much of the writing buffer as the filling one is full (so it is done when the other fills), and
    /// swaps them when the filling one is full.
    /// </summary>
    private RecordSummary Advance(CancellationToken cancellationToken)
    {
        var due = (int)Math.Min(_steps, (Pace * _steps * _filling.Count / BufferRows) + 1);
        var written = Write(due, cancellationToken);
        if (_filling.Count >= BufferRows)
        {
            written += Write(_steps, cancellationToken);
            Swap();
        }

        return written;
    }

    /// <summary>Writes every row waiting, in both buffers, and commits them.</summary>
    private RecordSummary FlushAndCommit(CancellationToken cancellationToken)
    {
        var written = Write(_steps, cancellationToken);
        Swap();
        written += Write(_steps, cancellationToken);
        _writing.Clear();
        (_step, _steps) = (0, 0);
        Commit();
        return written;
    }

    /// <summary>
    /// Runs a step of the session; on any failure rolls back everything handed over since the last commit. A savepoint
    /// per batch would copy every page a batch touches into a sub-journal (a fifth of the recording time).
    /// </summary>
    private Task<RecordSummary> Guarded(Func<RecordSummary> step)
    {
        try
        {
            return Task.FromResult(step());
        }
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

    /// <summary>Takes the writing buffer's steps up to <paramref name="to"/>, in the session's transaction.</summary>
    private RecordSummary Write(int to, CancellationToken cancellationToken)
    {
        if (_step >= to)
        {
            return RecordSummary.Empty;
        }

        _transaction ??= Begin();
        _writeback ??= SqliteWriteback.Start(store.DatabasePath);
        _writer ??= store.CreateWriter();
        var written = _writer.Write(_writing, _order, _step, to, cancellationToken);
        _step = to;
        return written;
    }

    /// <summary>The filling buffer, now full (or last), becomes the one written; the written one is emptied for filling.</summary>
    private void Swap()
    {
        (_writing, _filling) = (_filling, _writing);
        _filling.Clear();
        _order.Order(_writing);
        (_step, _steps) = (0, _order.Steps);
    }

    private void Rollback()
    {
        _writer = null;
        _handedOver = 0;
        _filling.Clear();
        _writing.Clear();
        (_step, _steps) = (0, 0);
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
        _handedOver = 0;
    }
}
