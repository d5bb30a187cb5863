using System.Runtime.CompilerServices;
using Certwright.Inventory;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Certwright.Storage.Sqlite;

internal sealed partial class SqliteInventoryStore
{
    /// <summary>At most this many candidates are counted when a fingerprint prefix or serial is ambiguous.</summary>
    private const int CandidateCap = 100;

    public async IAsyncEnumerable<InventoryEntry> ListAsync(InventoryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Streams synchronously from SQLite; yielding once keeps the caller's continuation off the opening call.
        using var reader = OpenList(query, cancellationToken);
        await Task.Yield();
        var entries = new SqliteEntryReader();
        while (reader.Read())
        {
            yield return entries.Read(reader.Row);
        }
    }

    public Task<IInventoryEntryReader> OpenListAsync(InventoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IInventoryEntryReader>(OpenList(query, cancellationToken));

    public Task<InventoryEntry?> FindAsync(string fingerprintOrSerial, CancellationToken cancellationToken)
    {
        var lookup = FingerprintQuery.Parse(fingerprintOrSerial);
        return ReadAsync(connection => Find(connection, lookup), cancellationToken);
    }

    public Task<IReadOnlyList<Sighting>> GetSightingsAsync(string sha256, CancellationToken cancellationToken)
    {
        var key = Sha256Key(sha256);
        return ReadAsync<IReadOnlyList<Sighting>>(
            connection =>
            {
                using var statement = new SqliteRawStatement(connection, SqliteSql.SelectSightings);
                statement.Bind("$sha256", key);
                var sightings = new List<Sighting>();
                while (statement.Step())
                {
                    sightings.Add(new Sighting(
                        SqliteLocations.Read(statement, 0),
                        (int)statement.Int64(5),
                        SqliteTime.FromSeconds(statement.Int64(6)),
                        SqliteTime.FromSeconds(statement.Int64(7)),
                        statement.Int64(8) != 0));
                }

                return sightings;
            },
            cancellationToken);
    }

    public Task<byte[]?> GetDerAsync(string sha256, CancellationToken cancellationToken)
    {
        var key = Sha256Key(sha256);
        return ReadAsync(
            connection =>
            {
                using var statement = new SqliteRawStatement(connection, SqliteSql.SelectDer);
                statement.Bind("$sha256", key);
                return statement.Step() ? statement.Blob(0).ToArray() : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<EndpointEvent>> GetEndpointEventsAsync(SightingLocation? endpoint, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<EndpointEvent>>(
            connection =>
            {
                using var statement = new SqliteRawStatement(connection, endpoint is null ? SqliteSql.SelectEvents : SqliteSql.SelectEventsOfEndpoint);
                statement.Bind("$limit", limit);
                if (endpoint is not null)
                {
                    if (endpoint.Kind != SightingKind.Endpoint || FindLocation(connection, endpoint) is not { } locationId)
                    {
                        return [];
                    }

                    statement.Bind("$location_id", locationId);
                }

                var events = new List<EndpointEvent>();
                while (statement.Step())
                {
                    events.Add(new EndpointEvent(
                        SqliteLocations.Read(statement, 0),
                        SqliteTime.FromSeconds(statement.Int64(5)),
                        SqliteEvents.Parse(statement.Text(6)),
                        statement.IsNull(7) ? null : Convert.ToHexStringLower(statement.Blob(7)),
                        Convert.ToHexStringLower(statement.Blob(8))));
                }

                return events;
            },
            cancellationToken);
    }

    public Task<InventoryStatistics> GetStatisticsAsync(CancellationToken cancellationToken) => ReadAsync(
        connection =>
        {
            using var statement = new SqliteRawStatement(connection, SqliteSql.Statistics);
            statement.Bind("$now", SqliteTime.ToSeconds(_timeProvider.GetUtcNow()));
            statement.Step();
            return new InventoryStatistics(
                statement.Int64(0), statement.Int64(1), statement.Int64(2), statement.Int64(3), statement.Int64(4), statement.Int64(5), SchemaVersion);
        },
        cancellationToken);

    /// <summary>The first column of the first row of <paramref name="sql"/> on the write connection (diagnostics and tests).</summary>
    internal Task<long?> ScalarAsync(string sql, CancellationToken cancellationToken) => ReadAsync(
        connection =>
        {
            using var statement = new SqliteRawStatement(connection, sql);
            return statement.ScalarInt64();
        },
        cancellationToken);

    private static InventoryEntry? Find(SqliteConnection connection, FingerprintQuery lookup)
    {
        // A full fingerprint names exactly one certificate, whatever else the digits might match.
        if (lookup.Digits.Length == FingerprintQuery.Sha256Digits
            && Candidates(connection, SqliteSql.FindBySha256Range, lookup, 32) is [var sha256Match])
        {
            return ReadEntry(connection, SqliteSql.SelectEntryById, "$id", sha256Match);
        }

        // Serial numbers and SHA-1 have no index: one scan answers both.
        var scanned = SerialOrSha1Candidates(connection, lookup, sha1Prefix: lookup.IsPrefix && lookup.Digits.Length <= FingerprintQuery.Sha1Digits);
        if (lookup.Digits.Length == FingerprintQuery.Sha1Digits
            && scanned.Where(c => Convert.ToHexStringLower(c.Sha1) == lookup.Digits).ToList() is [var sha1Match])
        {
            return ReadEntry(connection, SqliteSql.SelectEntryById, "$id", sha1Match.Id);
        }

        var candidates = new HashSet<long>(scanned.Select(c => c.Id));
        if (lookup.IsPrefix)
        {
            candidates.UnionWith(Candidates(connection, SqliteSql.FindBySha256Range, lookup, 32));
        }
        else if (candidates.Count == 0)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"'{lookup.Input}' is no known serial number and too short for a fingerprint prefix; give at least {InventoryEntry.MinimumFingerprintPrefix} hex digits of the SHA-256 fingerprint");
        }

        return candidates.Count switch
        {
            0 => null,
            1 => ReadEntry(connection, SqliteSql.SelectEntryById, "$id", candidates.First()),
            var count => throw Ambiguous(lookup, count),
        };
    }

    /// <summary>The id of the location row with this key, or null when there is none.</summary>
    private long? FindLocation(SqliteConnection connection, SightingLocation location)
    {
        var key = new SqliteLocationKey();
        key.Set(location);
        using var select = new SqliteRawStatement(connection, SqliteSql.SelectLocationAt);
        var (id, storedNamespace) = key.Find(select, _locationHash);
        return storedNamespace is null ? null : id;
    }

    private static CertwrightException Ambiguous(FingerprintQuery lookup, int count) => new(
        ErrorKind.Usage,
        $"'{lookup.Input}' matches {(count >= CandidateCap ? $"{CandidateCap} or more" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))} certificates; give more digits of the SHA-256 fingerprint");

    private static List<long> Candidates(SqliteConnection connection, string sql, FingerprintQuery lookup, int byteLength)
    {
        var (low, high) = lookup.Range(byteLength);
        using var statement = new SqliteRawStatement(connection, sql);
        statement.Bind("$low", low);
        statement.Bind("$high", high);
        statement.Bind("$cap", CandidateCap);
        var ids = new List<long>();
        while (statement.Step())
        {
            ids.Add(statement.Int64(0));
        }

        return ids;
    }

    /// <summary>Certificates whose serial is the input or (when <paramref name="sha1Prefix"/>) whose SHA-1 starts with its digits.</summary>
    private static List<(long Id, byte[] Sha1)> SerialOrSha1Candidates(SqliteConnection connection, FingerprintQuery lookup, bool sha1Prefix)
    {
        // An empty range matches no SHA-1.
        var (low, high) = sha1Prefix ? lookup.Range(20) : ([], []);
        using var statement = new SqliteRawStatement(connection, SqliteSql.FindBySha1RangeOrSerial);
        statement.Bind("$low", low);
        statement.Bind("$high", high);
        statement.Bind("$serial", lookup.Serial);
        statement.Bind("$cap", CandidateCap);
        var found = new List<(long, byte[])>();
        while (statement.Step())
        {
            found.Add((statement.Int64(0), statement.Blob(1).ToArray()));
        }

        return found;
    }

    private static InventoryEntry? ReadEntry(SqliteConnection connection, string sql, string parameter, long id)
    {
        using var statement = new SqliteRawStatement(connection, sql);
        statement.Bind(parameter, id);
        return statement.Step() ? new SqliteEntryReader().Read(statement) : null;
    }

    private static byte[] Sha256Key(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var lookup = FingerprintQuery.Parse(sha256);
        return lookup.Digits.Length == FingerprintQuery.Sha256Digits
            ? Convert.FromHexString(lookup.Digits)
            : throw new CertwrightException(ErrorKind.Usage, $"'{sha256}' is not a SHA-256 fingerprint (64 hex digits); find the certificate first");
    }

    private SqliteRawStatement Prepare(sqlite3 connection, string sql)
    {
        try
        {
            return new SqliteRawStatement(connection, sql);
        }
        catch (SqliteException e)
        {
            throw _database.Map(e);
        }
    }

    private bool Step(SqliteRawStatement statement)
    {
        try
        {
            return statement.Step();
        }
        catch (SqliteException e)
        {
            throw _database.Map(e);
        }
    }

    private SqliteListReader OpenList(InventoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "the list limit must be positive");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var connection = RentReader();
        try
        {
            return SqliteListReader.Open(this, connection, query, cancellationToken);
        }
        catch
        {
            ReturnReader(connection);
            throw;
        }
    }

    private sqlite3 RentReader() => _readers.TryTake(out var connection) ? connection : _database.OpenReader();

    /// <summary>Takes back a reader connection (kept for the next list, or closed when the store is disposed).</summary>
    internal void ReturnReader(sqlite3 connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            return;
        }

        _readers.Add(connection);
        // DisposeAsync may have drained the bag between the check and the add.
        if (_disposed && _readers.TryTake(out var late))
        {
            late.Dispose();
        }
    }
}
