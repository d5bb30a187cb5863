using System.Runtime.InteropServices;
using Certwright.Certificates;
using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Writes the observations of one transaction: certificates by fingerprint, locations by key, sightings by pair.
/// Each is looked up first, then inserted or updated; the write lock is held (BEGIN IMMEDIATE), so nothing
/// changes between the look-up and the write.
/// </summary>
internal sealed class SqliteBatchWriter
{
    private readonly SqliteRecordCommands _commands;
    private readonly Dictionary<string, long> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<LocationKey, (long Id, string Namespace)> _locations = [];
    private long _nextCertificateId;
    private int _newCertificates;
    private int _knownCertificates;
    private int _newSightings;
    private int _updatedSightings;

    public SqliteBatchWriter(SqliteRecordCommands commands)
    {
        _commands = commands;
        _nextCertificateId = (long)commands.NextCertificateId.Scalar()!;
    }

    public RecordSummary Summary => new(_newCertificates, _knownCertificates, _newSightings, _updatedSightings);

    /// <summary>Records one observation; returns the certificate's id.</summary>
    public long Record(CertificateObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var locationId = LocationId(observation.Location);
        var seen = SqliteTime.ToSeconds(observation.SeenAt);
        var (certificateId, isNew) = CertificateId(observation.Certificate, observation.Location, seen);

        // A new certificate cannot have a sighting yet; a known one usually has, so try the update first.
        if (!isNew && _commands.UpdateSighting.Set(0, locationId).Set(1, certificateId).Set(2, observation.Position).Set(3, seen).Execute() == 1)
        {
            _updatedSightings++;
        }
        else
        {
            _commands.InsertSighting.Set(0, locationId).Set(1, certificateId).Set(2, observation.Position).Set(3, seen).Execute();
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
            var select = _commands.SelectLocation.Set(0, key.Kind).Set(1, key.Address).Set(2, key.ServerName).Set(3, key.Detail);
            if (select.TryReadPair(out var id, out var currentNamespace))
            {
                row = ((long)id, (string)currentNamespace);
            }
            else
            {
                id = (long)_commands.InsertLocation.Set(0, key.Kind).Set(1, key.Address).Set(2, key.ServerName).Set(3, key.Detail).Set(4, location.Namespace).Scalar()!;
                row = ((long)id, location.Namespace);
            }
        }

        if (!string.Equals(row.Namespace, location.Namespace, StringComparison.Ordinal))
        {
            _commands.UpdateLocationNamespace.Set(0, location.Namespace).Set(1, row.Id).Execute();
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
        if (_commands.SelectCertificateId.Set(0, sha256).Scalar() is long existing)
        {
            _certificates[certificate.Sha256] = existing;
            _knownCertificates++;
            return (existing, false);
        }

        id = _nextCertificateId++;
        _commands.InsertCertificate
            .Set(0, SqliteTime.ToSeconds(certificate.NotAfter))
            .Set(1, id)
            .Set(2, sha256)
            .Set(3, Fingerprint(certificate.Sha1, 20, nameof(certificate.Sha1)))
            .Set(4, certificate.SerialNumber)
            .Set(5, certificate.Subject)
            .Set(6, certificate.Issuer)
            .Set(7, certificate.CommonName)
            .Set(8, SqliteTime.ToSeconds(certificate.NotBefore))
            .Set(9, certificate.PublicKey.ToString())
            .Set(10, certificate.PublicKey.SizeBits)
            .Set(11, certificate.SignatureAlgorithm)
            .Set(12, SanSummary.Format(certificate.SubjectAlternativeNames))
            .Set(13, certificate.IsCertificateAuthority ? 1 : 0)
            .Set(14, certificate.IsSelfSigned ? 1 : 0)
            .Set(15, location.ToString())
            .Set(16, seen)
            .Execute();
        _commands.InsertDer.Set(0, id).Set(1, Array(certificate.Der)).Execute();
        _certificates[certificate.Sha256] = id;
        _newCertificates++;
        return (id, true);
    }

    private static byte[] Fingerprint(string hex, int length, string name)
    {
        if (hex.Length != length * 2 || !IsHex(hex))
        {
            throw new ArgumentException($"certificate {name} must be {length * 2} hex digits, not '{hex}'", name);
        }

        return Convert.FromHexString(hex);
    }

    private static bool IsHex(string text) => text.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;

    private static byte[] Array(ReadOnlyMemory<byte> der) =>
        MemoryMarshal.TryGetArray(der, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : der.ToArray();
}
