using Certwright.Authority;
using Certwright.Certificates;
using Certwright.Inventory;
using Microsoft.Data.Sqlite;
using static Certwright.Storage.Sqlite.SqliteCommands;

namespace Certwright.Storage.Sqlite;

internal sealed partial class SqliteAuthorityStore
{
    // Enough to amortise a commit's page writes and fsync; small enough that one transaction stays short.
    private const int MaxIssuanceBatch = 4096;

    /// <summary>
    /// The single writer of issuances (group commit): whatever queued while the last commit ran goes into the next
    /// transaction, so the batch grows with the load and one fsync serves every caller in it.
    /// </summary>
    private async Task WriteIssuancesAsync()
    {
        var batch = new List<PendingIssuance>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxIssuanceBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await _gated.RunAsync(write: false, _ => CommitIssuances(batch), CancellationToken.None);
            }
            catch (ObjectDisposedException e)
            {
                Fail(batch, e);
            }

            batch.Clear();
        }
    }

    /// <summary>
    /// Writes a batch of queued issuances in one transaction and completes each caller: a serial already in the ledger
    /// fails only its own issuance; a database failure fails them all (nothing of the batch is committed).
    /// </summary>
    private bool CommitIssuances(List<PendingIssuance> batch)
    {
        var duplicates = new List<PendingIssuance>();
        try
        {
            _recordCommands ??= new SqliteRecordCommands(_connection);
            using var transaction = _connection.BeginTransaction(deferred: false);
            var version = ScalarInt64(_connection, SqliteAuthoritySql.SelectChangeCounter);
            using var insert = Command(_connection, SqliteAuthoritySql.InsertIssued);
            var parameters = IssuedParameters(insert);
            var inventory = new SqliteBatchWriter(_recordCommands, SqliteLocationKey.DefaultHash);
            foreach (var pending in batch)
            {
                var issued = pending.Certificate;
                version++;
                parameters.Bind(issued, version);
                if (insert.ExecuteNonQuery() == 0)
                {
                    version--;
                    duplicates.Add(pending);
                    continue;
                }

                var location = new SightingLocation(SightingKind.Authority, issued.Authority, Detail: issued.Profile);
                inventory.Record(new CertificateObservation(CertificateParser.Parse(issued.Der), location, 0, issued.IssuedAt));
            }

            SetChangeCounter(_connection, version);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            Fail(batch, _gated.Database.Map(e));
            return false;
        }
        catch (CertificateFormatException e)
        {
            // A certificate the inventory cannot parse is a bug of the issuer; nothing of the batch was committed.
            Fail(batch, e);
            return false;
        }

        foreach (var pending in batch)
        {
            if (duplicates.Contains(pending))
            {
                pending.Completion.TrySetException(new CertwrightException(
                    ErrorKind.State,
                    $"CA '{pending.Certificate.Authority}' already issued serial {SerialNumbers.ToHex(pending.Certificate.Serial)}"));
            }
            else
            {
                pending.Completion.TrySetResult();
            }
        }

        return true;
    }

    private static void Fail(List<PendingIssuance> batch, Exception error)
    {
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(error);
        }
    }

    private static IssuedInsert IssuedParameters(SqliteCommand insert)
    {
        var p = insert.Parameters;
        return new IssuedInsert(
            p.Add("$authority", SqliteType.Text), p.Add("$serial", SqliteType.Blob), p.Add("$profile", SqliteType.Text),
            p.Add("$sha256", SqliteType.Blob), p.Add("$subject", SqliteType.Text), p.Add("$not_before", SqliteType.Integer),
            p.Add("$not_after", SqliteType.Integer), p.Add("$issued_at", SqliteType.Integer), p.Add("$der", SqliteType.Blob),
            p.Add("$version", SqliteType.Integer));
    }

    private Task<T> RunAsync<T>(bool write, Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        _gated.RunAsync(write, work, cancellationToken);

    private static void SetChangeCounter(SqliteConnection connection, long counter)
    {
        using var command = Command(connection, SqliteAuthoritySql.SetChangeCounter);
        Bind(command, "$counter", counter);
        command.ExecuteNonQuery();
    }

    private sealed class PendingIssuance(IssuedCertificate certificate)
    {
        public IssuedCertificate Certificate { get; } = certificate;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record IssuedInsert(
        SqliteParameter Authority, SqliteParameter Serial, SqliteParameter Profile, SqliteParameter Sha256, SqliteParameter Subject,
        SqliteParameter NotBefore, SqliteParameter NotAfter, SqliteParameter IssuedAt, SqliteParameter Der, SqliteParameter Version)
    {
        public void Bind(IssuedCertificate issued, long version)
        {
            Authority.Value = issued.Authority;
            Serial.Value = SerialNumbers.Normalize(issued.Serial);
            Profile.Value = issued.Profile;
            Sha256.Value = Convert.FromHexString(issued.Sha256);
            Subject.Value = issued.Subject;
            NotBefore.Value = SqliteTime.ToSeconds(issued.NotBefore);
            NotAfter.Value = SqliteTime.ToSeconds(issued.NotAfter);
            IssuedAt.Value = SqliteTime.ToSeconds(issued.IssuedAt);
            Der.Value = issued.Der;
            Version.Value = version;
        }
    }
}
