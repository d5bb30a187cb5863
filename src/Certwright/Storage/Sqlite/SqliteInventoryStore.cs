using System.Collections.Concurrent;
using Certwright.Inventory;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// The embedded inventory. One connection does the writes and point reads, serialised by a gate; each
/// <see cref="ListAsync"/> streams on a reader connection of its own (WAL lets readers run beside a writer), so a
/// caller may look things up while it enumerates. Other processes coordinate through SQLite's locks.
/// </summary>
internal sealed partial class SqliteInventoryStore : IInventoryStore
{
    private const int CancellationCheckInterval = 256;

    /// <summary>
    /// Observations a recording session commits at once (see <see cref="IInventoryRecorder"/>): each commit writes
    /// nearly every page of the randomly keyed B-trees and then checkpoints them, stopping the writer, so fewer is
    /// faster; the write lock is held meanwhile (2 to 3 s at full speed) and the WAL grows to about one
    /// transaction (~200 MB). Measured in bench/StoreBench/README.md.
    /// </summary>
    public const int DefaultRecordingCommitInterval = 131_072;

    private readonly SqliteDatabase _database;
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly LocationHash _locationHash;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentBag<sqlite3> _readers = [];
    private readonly SqliteFreshLoad? _freshLoad;
    private SqliteRecordCommands? _recordCommands;
    private volatile bool _disposed;

    private SqliteInventoryStore(
        SqliteDatabase database, SqliteConnection connection, TimeProvider timeProvider, int schemaVersion, LocationHash locationHash, SqliteFreshLoad? freshLoad)
    {
        _database = database;
        _connection = connection;
        _timeProvider = timeProvider;
        _locationHash = locationHash;
        _freshLoad = freshLoad;
        SchemaVersion = schemaVersion;
    }

    public int SchemaVersion { get; }

    /// <summary>Observations after which a recording session commits; tests lower it.</summary>
    internal int RecordingCommitInterval { get; set; } = DefaultRecordingCommitInterval;

    public string DatabasePath => _database.Path;

    /// <param name="path">The database file.</param>
    /// <param name="options">Connection settings.</param>
    /// <param name="timeProvider">The clock for migration records and statistics.</param>
    /// <param name="cancellationToken">Stops before opening.</param>
    /// <param name="locationHash">Tests only: another hash for location ids, to force collisions. The hash is part
    /// of the file format; every store on one file must use the same.</param>
    public static Task<SqliteInventoryStore> OpenAsync(
        string path, StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken, LocationHash? locationHash = null) =>
        OpenAsync(path, freshLoad: null, options, timeProvider, cancellationToken, locationHash);

    /// <summary>
    /// Opens the store for one bulk import: as <see cref="OpenAsync(string, StorageOptions, TimeProvider, CancellationToken, LocationHash?)"/>
    /// when <paramref name="path"/> exists; when it does not, the database is built beside it and moved into place when the
    /// store is disposed (<see cref="SqliteFreshLoad"/>), so dispose it before reporting success.
    /// </summary>
    public static Task<SqliteInventoryStore> OpenForImportAsync(
        string path, StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken, LocationHash? locationHash = null) =>
        OpenAsync(path, SqliteFreshLoad.TryBegin(path), options, timeProvider, cancellationToken, locationHash);

    private static Task<SqliteInventoryStore> OpenAsync(
        string path, SqliteFreshLoad? freshLoad, StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken, LocationHash? locationHash)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var database = new SqliteDatabase(freshLoad?.StagingPath ?? path, options);
        var connection = database.Open();
        try
        {
            if (freshLoad is not null)
            {
                // Nothing of the staging file needs to survive a crash before SqliteFreshLoad.Complete fsyncs it.
                SqliteCommands.Execute(connection, SqliteSql.SynchronousOff);
            }

            var version = SqliteMigrator.Migrate(connection, path, timeProvider);
            if (freshLoad is not null)
            {
                SqliteCommands.Execute(connection, SqliteSql.JournalInMemory);
            }

            return Task.FromResult(new SqliteInventoryStore(database, connection, timeProvider, version, locationHash ?? SqliteLocationKey.DefaultHash, freshLoad));
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw database.Map(e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<RecordSummary> RecordAsync(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return RecordSummary.Empty;
        }

        return await WriteAsync(writer => writer.RecordBatch(batch, cancellationToken), cancellationToken);
    }

    public async Task<IInventoryRecorder> BeginRecordingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _recordCommands ??= new SqliteRecordCommands(_connection);
            return new SqliteInventoryRecorder(this, _connection, RecordingCommitInterval, _locationHash);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public async Task<EndpointChange?> RecordEndpointChainAsync(SightingLocation endpoint, IReadOnlyList<CertificateObservation> chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(chain);
        if (endpoint.Kind != SightingKind.Endpoint)
        {
            throw new ArgumentException($"'{endpoint}' is a {endpoint.Kind} location, not an endpoint", nameof(endpoint));
        }

        if (chain.Count == 0)
        {
            throw new ArgumentException($"the chain of endpoint '{endpoint}' is empty; an endpoint presents at least its leaf", nameof(chain));
        }

        if (chain.FirstOrDefault(o => o.Location != endpoint) is { } stray)
        {
            throw new ArgumentException($"chain observation at '{stray.Location}' does not belong to endpoint '{endpoint}'", nameof(chain));
        }

        return await WriteAsync(writer => RecordChain(writer, endpoint, chain), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                // An installed inventory is always in WAL mode, even when its only commit ran before the switch.
                if (_freshLoad is { WalPending: true })
                {
                    SqliteCommands.Execute(_connection, SqliteSql.EnableWal);
                }
            }
            finally
            {
                _recordCommands?.Dispose();
                _connection.Dispose();
                while (_readers.TryTake(out var reader))
                {
                    reader.Dispose();
                }
            }

            _freshLoad?.Complete();
        }
        catch (SqliteException e)
        {
            _freshLoad?.Abandon();
            throw _database.Map(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private EndpointChange? RecordChain(SqliteBatchWriter writer, SightingLocation endpoint, IReadOnlyList<CertificateObservation> chain)
    {
        var leafId = writer.Record(chain[0]);
        for (var i = 1; i < chain.Count; i++)
        {
            writer.Record(chain[i]);
        }

        var locationId = writer.LocationId(endpoint);
        var seen = SqliteTime.ToSeconds(chain[0].SeenAt);
        var leafSha256 = Convert.FromHexString(chain[0].Certificate.Sha256);
        long? previousId = null;
        byte[]? previousSha256 = null;
        var commands = _recordCommands!;
        var current = commands.SelectEndpointCurrent.Bind("$id", locationId);
        try
        {
            if (current.Step() && !current.IsNull(0))
            {
                previousId = current.Int64(0);
                previousSha256 = current.Blob(1).ToArray();
            }
        }
        finally
        {
            current.Reset();
        }

        if (previousId == leafId)
        {
            return null;
        }

        commands.SetEndpointCurrent.Bind("$certificate_id", leafId).Bind("$since", seen).Bind("$id", locationId).Execute();
        var insertEvent = commands.InsertEndpointEvent
            .Bind("$location_id", locationId)
            .Bind("$occurred_at", seen)
            .Bind("$kind", previousId is null ? SqliteEvents.FirstSeen : SqliteEvents.CertificateChanged)
            .Bind("$new_sha256", leafSha256);
        (previousSha256 is null ? insertEvent.BindNull("$old_sha256") : insertEvent.Bind("$old_sha256", previousSha256)).Execute();
        return previousId is { } id
            ? new EndpointChange(endpoint, chain[0].SeenAt, ReadEntry(_connection, SqliteSql.SelectEntryById, "$id", id)!, chain[0].Certificate.Sha256)
            : null;
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the write connection.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteBatchWriter, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _recordCommands ??= new SqliteRecordCommands(_connection);
            T result;
            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                result = work(CreateWriter());
                transaction.Commit();
            }

            Committed();
            return result;
        }
        catch (SqliteException e)
        {
            throw _database.Map(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A writer for one transaction on the write connection; the caller holds the gate.</summary>
    internal SqliteBatchWriter CreateWriter() => new(_recordCommands!, _locationHash);

    /// <summary>
    /// After each commit: a fresh load's first one switches the staging file to WAL, before any later transaction would
    /// copy the pages it changes into the in-memory journal.
    /// </summary>
    internal void Committed()
    {
        if (_freshLoad is { WalPending: true })
        {
            SqliteCommands.Execute(_connection, SqliteSql.EnableWal);
            _freshLoad.SwitchedToWal();
        }
    }

    /// <summary>Ends a recording session: lets the next call on this store in.</summary>
    internal void EndRecording() => _gate.Release();

    /// <inheritdoc cref="SqliteDatabase.Map"/>
    internal CertwrightException Map(SqliteException e) => _database.Map(e);

    /// <summary>Runs a read on the main connection, serialised with writes.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return read(_connection);
        }
        catch (SqliteException e)
        {
            throw _database.Map(e);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Stored names of endpoint event kinds.</summary>
internal static class SqliteEvents
{
    public const string FirstSeen = "first-seen";
    public const string CertificateChanged = "certificate-changed";

    public static EndpointEventKind Parse(string kind) => kind switch
    {
        FirstSeen => EndpointEventKind.FirstSeen,
        CertificateChanged => EndpointEventKind.CertificateChanged,
        _ => throw new InvalidDataException($"unknown endpoint event kind '{kind}' in the inventory"),
    };
}
