using Certwright.Certificates;
using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Writes the observations of one transaction: certificates by fingerprint, locations by key, sightings by pair.
/// Each is looked up first, then inserted or updated; the write lock is held (BEGIN IMMEDIATE), so nothing
/// changes between the look-up and the write.
/// </summary>
internal sealed class SqliteBatchWriter(SqliteRecordCommands commands)
{
    private readonly Dictionary<string, long> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<LocationKey, (long Id, string Namespace)> _locations = [];
    private int _newCertificates;
    private int _knownCertificates;
    private int _newSightings;
    private int _updatedSightings;

    public RecordSummary Summary => new(_newCertificates, _knownCertificates, _newSightings, _updatedSightings);

    /// <summary>Records one observation; returns the certificate's id.</summary>
    public long Record(CertificateObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var locationId = LocationId(observation.Location);
        var seen = SqliteTime.ToSeconds(observation.SeenAt);
        var (certificateId, isNew) = CertificateId(observation.Certificate, observation.Location, seen);

        // A new certificate cannot have a sighting yet; a known one usually has, so try the update first.
        if (!isNew && Sighting(commands.UpdateSighting, locationId, certificateId, observation.Position, seen).Execute() == 1)
        {
            _updatedSightings++;
        }
        else
        {
            Sighting(commands.InsertSighting, locationId, certificateId, observation.Position, seen).Execute();
            _newSightings++;
        }

        return certificateId;
    }

    /// <summary>
    /// The id of the location row, inserting it when new. A location belongs to one namespace: the latest
    /// observation's namespace wins, so re-importing a path under another namespace moves it.
    /// </summary>
    public long LocationId(SightingLocation location)
    {
        var key = SqliteLocations.Key(location);
        if (!_locations.TryGetValue(key, out var row))
        {
            var select = Bind(commands.SelectLocation, key);
            try
            {
                row = select.Step() ? (select.Int64(0), select.Text(1)) : (0, "");
            }
            finally
            {
                select.Reset();
            }

            if (row.Id == 0)
            {
                row = (Bind(commands.InsertLocation, key).Bind("$namespace", location.Namespace).ScalarInt64()!.Value, location.Namespace);
            }
        }

        if (!string.Equals(row.Namespace, location.Namespace, StringComparison.Ordinal))
        {
            commands.UpdateLocationNamespace.Bind("$namespace", location.Namespace).Bind("$id", row.Id).Execute();
            row = (row.Id, location.Namespace);
        }

        _locations[key] = row;
        return row.Id;
    }

    private (long Id, bool IsNew) CertificateId(CertificateRecord certificate, SightingLocation location, long seen)
    {
        if (_certificates.TryGetValue(certificate.Sha256, out var id))
        {
            _knownCertificates++;
            return (id, false);
        }

        var sha256 = Fingerprint(certificate.Sha256, 32, nameof(certificate.Sha256));
        if (commands.SelectCertificateId.Bind("$sha256", sha256).ScalarInt64() is { } existing)
        {
            _certificates[certificate.Sha256] = existing;
            _knownCertificates++;
            return (existing, false);
        }

        var notAfter = SqliteTime.ToSeconds(certificate.NotAfter);
        id = NextId(notAfter);
        commands.InsertCertificate
            .Bind("$id", id)
            .Bind("$not_after", notAfter)
            .Bind("$sha256", sha256)
            .Bind("$sha1", Fingerprint(certificate.Sha1, 20, nameof(certificate.Sha1)))
            .Bind("$serial", certificate.SerialNumber)
            .Bind("$subject", certificate.Subject)
            .Bind("$issuer", certificate.Issuer)
            .Bind("$common_name", certificate.CommonName)
            .Bind("$not_before", SqliteTime.ToSeconds(certificate.NotBefore))
            .Bind("$key_description", certificate.PublicKey.ToString())
            .Bind("$key_bits", certificate.PublicKey.SizeBits)
            .Bind("$signature_algorithm", certificate.SignatureAlgorithm)
            .Bind("$san_summary", SanSummary.Format(certificate.SubjectAlternativeNames))
            .Bind("$is_ca", certificate.IsCertificateAuthority ? 1 : 0)
            .Bind("$is_self_signed", certificate.IsSelfSigned ? 1 : 0)
            .Bind("$first_location", location.ToString())
            .Bind("$first_seen", seen)
            .Execute();
        commands.InsertDer.Bind("$id", id).Bind("$der", certificate.Der.Span).Execute();
        _certificates[certificate.Sha256] = id;
        _newCertificates++;
        return (id, true);
    }

    private long NextId(long notAfterSeconds)
    {
        var low = SqliteCertificateKeys.FirstOfSecond(notAfterSeconds);
        var high = low + SqliteCertificateKeys.PerSecond;
        var next = commands.MaxCertificateIdInSecond.Bind("$low", low).Bind("$high", high).ScalarInt64() is { } max ? max + 1 : low;
        return next < high
            ? next
            : throw new CertwrightException(ErrorKind.State, $"more than {SqliteCertificateKeys.PerSecond:N0} certificates in the inventory expire in the same second ({DateTimeOffset.FromUnixTimeSeconds(notAfterSeconds):u})");
    }

    private SqliteRawStatement Bind(SqliteRawStatement statement, LocationKey key) =>
        statement.Bind("$kind", key.Kind).Bind("$address", key.Address).Bind("$server_name", key.ServerName).Bind("$detail", key.Detail);

    private static SqliteRawStatement Sighting(SqliteRawStatement statement, long locationId, long certificateId, int position, long seen) =>
        statement.Bind("$location_id", locationId).Bind("$certificate_id", certificateId).Bind("$position", position).Bind("$seen", seen);

    private static byte[] Fingerprint(string hex, int length, string name)
    {
        if (hex.Length != length * 2 || hex.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF") >= 0)
        {
            throw new ArgumentException($"certificate {name} must be {length * 2} hex digits, not '{hex}'", name);
        }

        return Convert.FromHexString(hex);
    }
}
