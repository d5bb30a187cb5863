using System.Runtime.CompilerServices;

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

    /// <summary>The certificate's id, and whether this call inserted it (with its first sighting counted).</summary>
    public (long Id, bool IsNew) FindOrInsert(SqliteRowBuffer rows, in SqliteRow row)
    {
        var sha256 = rows[row.Sha256];
        for (long probe = 0; probe < SqliteCertificateKeys.PerSecond; probe++)
        {
            // While certificates keep being new, inserting straight away saves the look-up (DO NOTHING when the
            // id or the fingerprint is taken); while they are known, looking first saves binding a futile insert.
            var id = probe == 0 ? row.FirstId : SqliteCertificateKeys.Id(row.NotAfter, SqliteCertificateKeys.Slot(sha256), probe);
            var tried = _newLikely;
            if (tried && Insert(rows, row, id))
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
                if (!tried && Insert(rows, row, id))
                {
                    _newLikely = true;
                    return (id, true);
                }

                // The id is free yet the insert did nothing: the certificate is stored under another id (a delete
                // broke the probe chain between its slot and it).
                return (commands.SelectCertificateId.Bind("$sha256", sha256).ScalarInt64()
                    ?? throw new InvalidOperationException($"certificate {Convert.ToHexString(sha256)} was neither inserted at id {id} nor found by fingerprint"), false);
            }
        }

        throw new CertwrightException(
            ErrorKind.State,
            $"more than {SqliteCertificateKeys.PerSecond:N0} certificates in the inventory expire in the same second ({DateTimeOffset.FromUnixTimeSeconds(row.NotAfter):u})");
    }

    /// <summary>Inserts the certificate at <paramref name="id"/> and its DER; false (and nothing written) when the id or the fingerprint is taken.</summary>
    private bool Insert(SqliteRowBuffer rows, in SqliteRow row, long id)
    {
        if (_nextDerId == 0)
        {
            _nextDerId = commands.MaxDerId.ScalarInt64()!.Value + 1;
        }

        var insert = commands.InsertCertificate
            .Bind(1, id)
            .Bind(2, row.NotAfter)
            .BindBlob(3, rows[row.Sha256])
            .BindBlob(4, rows[row.Sha1])
            .BindText(5, rows[row.Serial])
            .BindText(6, rows[row.Subject])
            .BindText(7, rows[row.Issuer]);
        (row.CommonName.IsNull ? insert.BindNull(8) : insert.BindText(8, rows[row.CommonName]))
            .Bind(9, row.NotBefore)
            .BindText(10, rows[row.KeyDescription])
            .Bind(11, row.KeyBits)
            .BindText(12, rows[row.SignatureAlgorithm])
            .BindText(13, rows[row.SanSummary])
            .Bind(14, row.IsCertificateAuthority ? 1 : 0)
            .Bind(15, row.IsSelfSigned ? 1 : 0)
            .BindText(16, rows[row.FirstLocation])
            .Bind(17, row.Seen)
            .Bind(18, _nextDerId);
        if (insert.Execute() == 0)
        {
            return false;
        }

        commands.InsertDer.Bind(1, _nextDerId++).BindBlob(2, rows[row.Der]).Execute();
        return true;
    }
}
