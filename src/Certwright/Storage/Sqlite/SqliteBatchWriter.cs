using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Writes the observations of one transaction: certificates by fingerprint, locations by key, sightings by pair.
/// Certificates and locations are found at the ids their keys hash to (see <see cref="SqliteCertificateKeys"/>
/// and <see cref="SqliteLocationKey"/>); the write lock is held (BEGIN IMMEDIATE), so nothing changes between a
/// look-up and the write after it.
/// </summary>
/// <remarks>
/// Observations are written in the order given: with hashed keys no order is kinder to the B-trees than
/// another, and consecutive observations from one file share the cached location.
/// </remarks>
internal sealed class SqliteBatchWriter(SqliteRecordCommands commands, LocationHash locationHash)
{
    private const int CancellationCheckInterval = 256;

    private readonly SqliteCertificateRows _certificates = new(commands);
    private readonly SqliteLocationKey _key = new();
    private SightingLocation? _lastLocation;
    private long _lastLocationId;
    private bool _newLocationsLikely = true;
    private int _newCertificates;
    private int _knownCertificates;
    private int _newSightings;
    private int _updatedSightings;

    /// <summary>Records a batch and returns what it changed.</summary>
    public RecordSummary RecordBatch(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken)
    {
        (_newCertificates, _knownCertificates, _newSightings, _updatedSightings) = (0, 0, 0, 0);
        for (var i = 0; i < batch.Count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Record(batch[i]);
        }

        return new(_newCertificates, _knownCertificates, _newSightings, _updatedSightings);
    }

    /// <summary>Records one observation; returns the certificate's id.</summary>
    public long Record(CertificateObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var (locationId, newLocation) = Location(observation.Location);
        var seen = SqliteTime.ToSeconds(observation.SeenAt);
        var (certificateId, newCertificate) = _certificates.FindOrInsert(observation.Certificate, observation.Location, seen);
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
            && commands.UpdateSighting.Bind(1, observation.Position).Bind(2, seen).Bind(3, certificateId).Bind(4, locationId).Execute() == 1)
        {
            _updatedSightings++;
            return certificateId;
        }

        commands.InsertSighting.Bind(1, certificateId).Bind(2, locationId).Bind(3, observation.Position).Bind(4, seen).Execute();
        _newSightings++;
        if (!newCertificate)
        {
            // A new certificate is inserted with its first sighting counted.
            commands.CountSighting.Bind(1, certificateId).Execute();
        }

        return certificateId;
    }

    /// <summary>The id of the location row, inserting it when new.</summary>
    public long LocationId(SightingLocation location) => Location(location).Id;

    /// <summary>
    /// Finds or inserts the location row. A location belongs to one namespace: the latest observation's namespace
    /// wins, so re-importing a path under another namespace moves it.
    /// </summary>
    private (long Id, bool IsNew) Location(SightingLocation location)
    {
        // Certificates of one file (a bundle, a keystore's chain) arrive one after another.
        if (location.Equals(_lastLocation))
        {
            return (_lastLocationId, false);
        }

        _key.Set(location);
        for (var id = locationHash(_key.Encoded); ; id = SqliteLocationKey.Next(id))
        {
            // While locations keep being new, inserting straight away saves the look-up (DO NOTHING when the id
            // is taken); while they are known, looking first saves binding a futile insert.
            if (_newLocationsLikely && InsertLocation(id, location) == 1)
            {
                return (Remember(location, id), true);
            }

            var (state, storedNamespace) = _key.Probe(commands.SelectLocationAt, id);
            if (state == LocationSlot.This)
            {
                _newLocationsLikely = false;
                if (!string.Equals(storedNamespace, location.Namespace, StringComparison.Ordinal))
                {
                    commands.UpdateLocationNamespace.Bind("$namespace", location.Namespace).Bind("$id", id).Execute();
                }

                return (Remember(location, id), false);
            }

            if (state == LocationSlot.Free)
            {
                // Nothing else but the id is unique in locations: a free id takes the insert.
                if (InsertLocation(id, location) != 1)
                {
                    throw new InvalidOperationException($"location id {id} is free, yet the location '{location}' was not inserted there");
                }

                _newLocationsLikely = true;
                return (Remember(location, id), true);
            }
        }
    }

    private int InsertLocation(long id, SightingLocation location) =>
        commands.InsertLocation.Bind(1, id).BindText(2, _key.KindText).BindText(3, _key.Address).BindText(4, _key.ServerName)
            .BindText(5, _key.Detail).Bind(6, location.Namespace).Execute();

    private long Remember(SightingLocation location, long id)
    {
        (_lastLocation, _lastLocationId) = (location, id);
        return id;
    }
}
