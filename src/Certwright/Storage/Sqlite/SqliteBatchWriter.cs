using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Writes observations within one transaction: certificates by fingerprint, locations by key, sightings by pair.
/// Certificates and locations are found at the ids their keys hash to (see <see cref="SqliteCertificateKeys"/>
/// and <see cref="SqliteLocationKey"/>); the write lock is held (BEGIN IMMEDIATE), so nothing changes between a
/// look-up and the write after it.
/// </summary>
/// <remarks>
/// Observations are first encoded into a <see cref="SqliteRowBuffer"/>, then written in the steps of a
/// <see cref="SqliteKeyOrder"/>: a large batch's locations by id, then its certificates and sightings by id.
/// </remarks>
internal sealed class SqliteBatchWriter(SqliteRecordCommands commands, LocationHash locationHash)
{
    private const int CancellationCheckInterval = 256;

    private readonly SqliteCertificateRows _certificates = new(commands);
    private readonly SqliteLocationKey _key = new();
    private readonly SqliteRowBuffer _rows = new(locationHash);
    private readonly SqliteKeyOrder _order = new();
    private byte[] _lastLocationKey = [];
    private int _lastLocationKeyLength = -1;
    private string? _lastNamespace;
    private long _lastLocationId;
    private bool _newLocationsLikely = true;
    private int _newCertificates;
    private int _knownCertificates;
    private int _newSightings;
    private int _updatedSightings;

    /// <summary>Records a batch and returns what it changed.</summary>
    public RecordSummary RecordBatch(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _rows.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            _rows.Add(batch[i]);
        }

        _order.Order(_rows);
        return Write(_rows, _order, 0, _order.Steps, cancellationToken);
    }

    /// <summary>Records one observation; returns the certificate's id.</summary>
    public long Record(CertificateObservation observation)
    {
        _rows.Clear();
        _rows.Add(observation);
        ref readonly var row = ref _rows[0];
        var (locationId, newLocation) = Location(_rows, row);
        return Write(_rows, row, locationId, newLocation);
    }

    /// <summary>
    /// Takes steps [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="order"/> (which ordered
    /// <paramref name="rows"/>) and returns what they changed.
    /// </summary>
    public RecordSummary Write(SqliteRowBuffer rows, SqliteKeyOrder order, int from, int to, CancellationToken cancellationToken)
    {
        (_newCertificates, _knownCertificates, _newSightings, _updatedSightings) = (0, 0, 0, 0);
        for (var step = from; step < to; step++)
        {
            if ((step - from) % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var index = order.RowOf(step);
            if (order.IsLocationStep(step))
            {
                var (id, isNew) = Location(rows, rows[index]);
                order.SetLocation(index, id, isNew);
            }
            else
            {
                var (locationId, newLocation) = order.LocationOf(index);
                Write(rows, rows[index], locationId, newLocation);
            }
        }

        return new(_newCertificates, _knownCertificates, _newSightings, _updatedSightings);
    }

    /// <summary>The id of the location row, inserting it when new.</summary>
    public long LocationId(SightingLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        _key.Set(location);
        return Location(locationHash(_key.Encoded), location.Namespace).Id;
    }

    /// <summary>Finds or inserts the certificate and records its sighting at the location already resolved.</summary>
    private long Write(SqliteRowBuffer rows, in SqliteRow row, long locationId, bool newLocation)
    {
        var (certificateId, newCertificate) = _certificates.FindOrInsert(rows, row);
        if (newCertificate)
        {
            _newCertificates++;
        }
        else
        {
            _knownCertificates++;
        }

        // A known certificate at a known location usually has its sighting already: try the update first.
        if (!newLocation && !newCertificate
            && commands.UpdateSighting.Bind(1, row.Position).Bind(2, row.Seen).Bind(3, certificateId).Bind(4, locationId).Execute() == 1)
        {
            _updatedSightings++;
            return certificateId;
        }

        commands.InsertSighting.Bind(1, certificateId).Bind(2, locationId).Bind(3, row.Position).Bind(4, row.Seen).Execute();
        _newSightings++;
        if (!newCertificate)
        {
            // A new certificate is inserted with its first sighting counted.
            commands.CountSighting.Bind(1, certificateId).Execute();
        }

        return certificateId;
    }

    /// <summary>
    /// Finds or inserts the location row of a run's first row. A location belongs to one namespace: the latest
    /// observation's namespace wins, so re-importing a path under another namespace moves it.
    /// </summary>
    private (long Id, bool IsNew) Location(SqliteRowBuffer rows, in SqliteRow row)
    {
        var key = rows[row.LocationKey];
        var name = rows.Namespace(row);
        // Certificates of one file (a bundle, a keystore's chain) may reach here one after another.
        if (_lastLocationKeyLength >= 0 && key.SequenceEqual(_lastLocationKey.AsSpan(0, _lastLocationKeyLength))
            && string.Equals(name, _lastNamespace, StringComparison.Ordinal))
        {
            return (_lastLocationId, false);
        }

        _key.Load(key);
        return Location(row.LocationHash, name);
    }

    /// <summary>Finds or inserts the row of the key in <see cref="_key"/>, whose chain starts at <paramref name="hash"/>.</summary>
    private (long Id, bool IsNew) Location(long hash, string name)
    {
        for (var id = hash; ; id = SqliteLocationKey.Next(id))
        {
            // While locations keep being new, inserting straight away saves the look-up (DO NOTHING when the id
            // is taken); while they are known, looking first saves binding a futile insert.
            if (_newLocationsLikely && InsertLocation(id, name) == 1)
            {
                return (Remember(id, name), true);
            }

            var (state, storedNamespace) = _key.Probe(commands.SelectLocationAt, id);
            if (state == LocationSlot.This)
            {
                _newLocationsLikely = false;
                if (!string.Equals(storedNamespace, name, StringComparison.Ordinal))
                {
                    commands.UpdateLocationNamespace.Bind("$namespace", name).Bind("$id", id).Execute();
                }

                return (Remember(id, name), false);
            }

            if (state == LocationSlot.Free)
            {
                // Nothing else but the id is unique in locations: a free id takes the insert.
                if (InsertLocation(id, name) != 1)
                {
                    throw new InvalidOperationException($"location id {id} is free, yet the location '{_key.Kind}:{System.Text.Encoding.UTF8.GetString(_key.Address)}' was not inserted there");
                }

                _newLocationsLikely = true;
                return (Remember(id, name), true);
            }
        }
    }

    private int InsertLocation(long id, string name) =>
        commands.InsertLocation.Bind(1, id).BindText(2, _key.KindText).BindText(3, _key.Address).BindText(4, _key.ServerName)
            .BindText(5, _key.Detail).Bind(6, name).Execute();

    private long Remember(long id, string name)
    {
        var key = _key.Encoded;
        if (_lastLocationKey.Length < key.Length)
        {
            _lastLocationKey = new byte[Math.Max(key.Length, 256)];
        }

        key.CopyTo(_lastLocationKey);
        (_lastLocationKeyLength, _lastNamespace, _lastLocationId) = (key.Length, name, id);
        return id;
    }
}
