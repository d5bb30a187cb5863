using System.Buffers;
using Certwright.Certificates;
using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Writes the observations of one transaction: certificates by fingerprint, locations by key, sightings by pair.
/// Certificates and locations are found at the ids their keys hash to (see <see cref="SqliteCertificateKeys"/>
/// and <see cref="SqliteLocationKey"/>); the write lock is held (BEGIN IMMEDIATE), so nothing changes between a
/// look-up and the write after it.
/// </summary>
internal sealed class SqliteBatchWriter(SqliteRecordCommands commands, LocationHash locationHash)
{
    private readonly Dictionary<string, long> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<LocationKey, (long Id, string Namespace)> _locations = [];
    private readonly SqliteLocationKey _key = new();
    private long _nextDerId;
    private bool _newLocationsLikely = true;
    private bool _newCertificatesLikely = true;
    private int _newCertificates;
    private int _knownCertificates;
    private int _newSightings;
    private int _updatedSightings;

    private const int CancellationCheckInterval = 256;

    /// <summary>
    /// Records a batch and returns what it changed. Recording in expiry order walks the expiry-ordered
    /// certificates table (and its pages) once from left to right instead of jumping around it; the sort is
    /// stable, so repeated sightings keep their order.
    /// </summary>
    public RecordSummary RecordBatch(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken)
    {
        (_newCertificates, _knownCertificates, _newSightings, _updatedSightings) = (0, 0, 0, 0);
        // The caches serve repeats inside a batch (a CA in every bundle, several certificates in one file); kept
        // longer they would hold a whole transaction's keys alive into the GC's older generations.
        _certificates.Clear();
        _locations.Clear();
        var ordered = batch.Count > 1 ? [.. batch.OrderBy(o => o.Certificate.NotAfter)] : batch;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Record(ordered[i]);
        }

        return new(_newCertificates, _knownCertificates, _newSightings, _updatedSightings);
    }

    /// <summary>Records one observation; returns the certificate's id.</summary>
    public long Record(CertificateObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var (locationId, newLocation) = Location(observation.Location);
        var seen = SqliteTime.ToSeconds(observation.SeenAt);
        var (certificateId, newCertificate) = Certificate(observation.Certificate, observation.Location, seen);

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
        var dictionaryKey = SqliteLocations.Key(location);
        if (_locations.TryGetValue(dictionaryKey, out var cached))
        {
            return (Namespace(location, dictionaryKey, cached), false);
        }

        _key.Set(location);
        for (var id = locationHash(_key.Encoded); ; id = SqliteLocationKey.Next(id))
        {
            // When the last location was new, this one likely is too: inserting straight away saves the look-up
            // (DO NOTHING when the id is taken). When it was known, looking first saves binding a futile insert.
            if (_newLocationsLikely && InsertLocation(id, location) == 1)
            {
                return (Inserted(dictionaryKey, id, location), true);
            }

            var (state, storedNamespace) = _key.Probe(commands.SelectLocationAt, id);
            if (state == LocationSlot.This)
            {
                _newLocationsLikely = false;
                return (Namespace(location, dictionaryKey, (id, storedNamespace!)), false);
            }

            if (state == LocationSlot.Free)
            {
                // Nothing else but the id is unique in locations: a free id takes the insert.
                if (InsertLocation(id, location) != 1)
                {
                    throw new InvalidOperationException($"location id {id} is free, yet the location '{location}' was not inserted there");
                }

                _newLocationsLikely = true;
                return (Inserted(dictionaryKey, id, location), true);
            }
        }
    }

    private int InsertLocation(long id, SightingLocation location) =>
        commands.InsertLocation.Bind(1, id).BindText(2, _key.KindText).BindText(3, _key.Address).BindText(4, _key.ServerName)
            .BindText(5, _key.Detail).Bind(6, location.Namespace).Execute();

    private long Inserted(LocationKey key, long id, SightingLocation location)
    {
        _locations[key] = (id, location.Namespace);
        return id;
    }

    private long Namespace(SightingLocation location, LocationKey key, (long Id, string Namespace) row)
    {
        if (!string.Equals(row.Namespace, location.Namespace, StringComparison.Ordinal))
        {
            commands.UpdateLocationNamespace.Bind("$namespace", location.Namespace).Bind("$id", row.Id).Execute();
        }

        _locations[key] = (row.Id, location.Namespace);
        return row.Id;
    }

    private (long Id, bool IsNew) Certificate(CertificateRecord certificate, SightingLocation location, long seen)
    {
        if (_certificates.TryGetValue(certificate.Sha256, out var cached))
        {
            _knownCertificates++;
            return (cached, false);
        }

        Span<byte> sha256 = stackalloc byte[32];
        Fingerprint(certificate.Sha256, sha256, nameof(certificate.Sha256));
        var notAfter = SqliteTime.ToSeconds(certificate.NotAfter);
        var slot = SqliteCertificateKeys.Slot(sha256);
        for (long probe = 0; probe < SqliteCertificateKeys.PerSecond; probe++)
        {
            // Insert first while certificates keep being new, as for locations.
            var id = SqliteCertificateKeys.Id(notAfter, slot, probe);
            var tried = _newCertificatesLikely;
            if (tried && Insert(certificate, location, seen, sha256, id, notAfter))
            {
                return (id, true);
            }

            var select = commands.SelectCertificateAt;
            bool free;
            select.Bind(1, id);
            try
            {
                free = !select.Step();
                if (!free && select.Blob(0).SequenceEqual(sha256))
                {
                    _newCertificatesLikely = false;
                    return Known(certificate, id);
                }
            }
            finally
            {
                select.Reset();
            }

            if (free)
            {
                if (!tried && Insert(certificate, location, seen, sha256, id, notAfter))
                {
                    _newCertificatesLikely = true;
                    return (id, true);
                }

                // The id is free yet the insert did nothing: the certificate is stored under another id (a delete
                // broke the probe chain between its slot and it).
                var existing = commands.SelectCertificateId.Bind("$sha256", sha256).ScalarInt64()
                    ?? throw new InvalidOperationException($"certificate {certificate.Sha256} was neither inserted at id {id} nor found by fingerprint");
                return Known(certificate, existing);
            }
        }

        throw new CertwrightException(
            ErrorKind.State,
            $"more than {SqliteCertificateKeys.PerSecond:N0} certificates in the inventory expire in the same second ({DateTimeOffset.FromUnixTimeSeconds(notAfter):u})");
    }

    /// <summary>Inserts the certificate at <paramref name="id"/> and its DER; false (and nothing written) when the id or the fingerprint is taken.</summary>
    private bool Insert(CertificateRecord certificate, SightingLocation location, long seen, ReadOnlySpan<byte> sha256, long id, long notAfter)
    {
        if (_nextDerId == 0)
        {
            _nextDerId = commands.MaxDerId.ScalarInt64()!.Value + 1;
        }

        Span<byte> sha1 = stackalloc byte[20];
        Fingerprint(certificate.Sha1, sha1, nameof(certificate.Sha1));
        var inserted = commands.InsertCertificate
            .Bind(1, id)
            .Bind(2, notAfter)
            .BindBlob(3, sha256)
            .BindBlob(4, sha1)
            .Bind(5, certificate.SerialNumber)
            .Bind(6, certificate.Subject)
            .Bind(7, certificate.Issuer)
            .Bind(8, certificate.CommonName)
            .Bind(9, SqliteTime.ToSeconds(certificate.NotBefore))
            .Bind(10, certificate.PublicKey.ToString())
            .Bind(11, certificate.PublicKey.SizeBits)
            .Bind(12, certificate.SignatureAlgorithm)
            .Bind(13, SanSummary.Format(certificate.SubjectAlternativeNames))
            .Bind(14, certificate.IsCertificateAuthority ? 1 : 0)
            .Bind(15, certificate.IsSelfSigned ? 1 : 0)
            .Bind(16, location.ToString())
            .Bind(17, seen)
            .Bind(18, _nextDerId)
            .Execute();
        if (inserted == 0)
        {
            return false;
        }

        commands.InsertDer.Bind(1, _nextDerId++).BindBlob(2, certificate.Der.Span).Execute();
        _certificates[certificate.Sha256] = id;
        _newCertificates++;
        return true;
    }

    private (long Id, bool IsNew) Known(CertificateRecord certificate, long id)
    {
        _certificates[certificate.Sha256] = id;
        _knownCertificates++;
        return (id, false);
    }

    private static void Fingerprint(string hex, Span<byte> destination, string name)
    {
        if (hex.Length != destination.Length * 2
            || Convert.FromHexString(hex, destination, out _, out _) != OperationStatus.Done)
        {
            throw new ArgumentException($"certificate {name} must be {destination.Length * 2} hex digits, not '{hex}'", name);
        }
    }
}
