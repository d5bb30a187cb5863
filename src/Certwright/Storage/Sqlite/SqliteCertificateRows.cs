using System.Runtime.CompilerServices;
using Certwright.Certificates;
using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Finds or inserts certificate rows (and their DER) for one transaction's writer. A certificate lives at the
/// first id of its probe chain (see <see cref="SqliteCertificateKeys"/>) not held by another certificate.
/// </summary>
[SkipLocalsInit]
internal sealed class SqliteCertificateRows(SqliteRecordCommands commands)
{
    private long _nextDerId;
    private bool _newLikely = true;
    private PublicKeyDescription? _lastKey;
    private string _lastKeyText = "";

    /// <summary>The certificate's id, and whether this call inserted it (with its first sighting counted).</summary>
    public (long Id, bool IsNew) FindOrInsert(CertificateRecord certificate, SightingLocation location, long seen)
    {
        Span<byte> sha256 = stackalloc byte[32];
        Fingerprint(certificate.Sha256, sha256, nameof(certificate.Sha256));
        var notAfter = SqliteTime.ToSeconds(certificate.NotAfter);
        var slot = SqliteCertificateKeys.Slot(sha256);
        for (long probe = 0; probe < SqliteCertificateKeys.PerSecond; probe++)
        {
            // While certificates keep being new, inserting straight away saves the look-up (DO NOTHING when the
            // id or the fingerprint is taken); while they are known, looking first saves binding a futile insert.
            var id = SqliteCertificateKeys.Id(notAfter, slot, probe);
            var tried = _newLikely;
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
                    _newLikely = false;
                    return (id, false);
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
                    _newLikely = true;
                    return (id, true);
                }

                // The id is free yet the insert did nothing: the certificate is stored under another id (a delete
                // broke the probe chain between its slot and it).
                return (commands.SelectCertificateId.Bind("$sha256", sha256).ScalarInt64()
                    ?? throw new InvalidOperationException($"certificate {certificate.Sha256} was neither inserted at id {id} nor found by fingerprint"), false);
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
        Span<char> sans = stackalloc char[SanSummary.MaxFormattedLength];
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
            .Bind(10, KeyText(certificate.PublicKey))
            .Bind(11, certificate.PublicKey.SizeBits)
            .Bind(12, certificate.SignatureAlgorithm)
            .Bind(13, sans[..SanSummary.Format(certificate.SubjectAlternativeNames, sans)])
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
        return true;
    }

    // A handful of key types repeat across thousands of certificates: format each run of equal ones once.
    private string KeyText(PublicKeyDescription key)
    {
        if (!key.Equals(_lastKey))
        {
            (_lastKey, _lastKeyText) = (key, key.ToString());
        }

        return _lastKeyText;
    }

    // Convert.FromHexString shuffles bytes, which the Native AOT baseline (SSE2) emulates lane by lane; a digit
    // table is several times faster there, and branch-free (hex digits are random, so a compare chain mispredicts).
    private static void Fingerprint(string hex, Span<byte> destination, string name)
    {
        if (hex.Length == destination.Length * 2)
        {
            var digits = HexDigits;
            var invalid = 0;
            for (var i = 0; i < destination.Length; i++)
            {
                int high = digits[(byte)hex[2 * i]], low = digits[(byte)hex[(2 * i) + 1]];
                // A char above 0xFF would alias a digit in the table: flag it.
                invalid |= high | low | ((hex[2 * i] | hex[(2 * i) + 1]) > 0xFF ? -1 : 0);
                destination[i] = (byte)((high << 4) | low);
            }

            if (invalid >= 0)
            {
                return;
            }
        }

        throw new ArgumentException($"certificate {name} must be {destination.Length * 2} hex digits, not '{hex}'", name);
    }

    /// <summary>The value of each byte as a hex digit, or -1.</summary>
    private static ReadOnlySpan<sbyte> HexDigits =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];
}
