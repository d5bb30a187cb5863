using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Certwright.Authority;
using Certwright.Keys;
using Microsoft.Data.Sqlite;
using static Certwright.Storage.Sqlite.SqliteCommands;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// The CA ledger in the embedded database, on a connection of its own whose commits wait for the fsync. Issuances
/// are group-committed: a caller that finds the connection free writes every issuance queued so far in one
/// transaction (one fsync), the others wait for that commit; each issued certificate lands in the ledger and in
/// the inventory (a sighting at an 'authority' location) in the same transaction.
/// </summary>
internal sealed partial class SqliteAuthorityStore : IAuthorityStore
{
    private const int LedgerPageSize = 8192;

    private readonly SqliteConnection _connection;
    private readonly SqliteGatedConnection _gated;
    private readonly Lock _pendingLock = new();
    private readonly Channel<PendingIssuance> _queue = Channel.CreateUnbounded<PendingIssuance>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _writer;
    private SqliteRecordCommands? _recordCommands;
    private bool _disposed;

    private SqliteAuthorityStore(SqliteDatabase database, SqliteConnection connection)
    {
        _connection = connection;
        _gated = new SqliteGatedConnection(database, connection, this);
    }

    public string DatabasePath => _gated.Database.Path;

    public static SqliteAuthorityStore Open(string path, StorageOptions options, TimeProvider timeProvider) =>
        SqliteStoreOpener.Open(path, options, timeProvider, (database, connection) => new SqliteAuthorityStore(database, connection), SqliteAuthoritySql.DurablePragmas);

    public Task AddAuthorityAsync(AuthorityRecord authority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteAuthoritySql.InsertAuthority);
            Bind(command, "$name", authority.Name);
            Bind(command, "$issuing_der", authority.IssuingCertificate);
            Bind(command, "$chain_der", authority.Chain.SelectMany(c => c).ToArray());
            Bind(command, "$key_store", authority.IssuingKey.Store == KeyStoreKind.Pkcs11 ? "pkcs11" : "file");
            Bind(command, "$key_id", authority.IssuingKey.KeyId);
            Bind(command, "$key_type", KeyTypes.Format(authority.IssuingKey.Type));
            Bind(command, "$pkcs11_module", authority.IssuingKey.Pkcs11?.ModulePath);
            Bind(command, "$pkcs11_token", authority.IssuingKey.Pkcs11?.TokenLabel);
            Bind(command, "$public_url", authority.PublicUrl?.AbsoluteUri);
            Bind(command, "$created_at", SqliteTime.ToSeconds(authority.Created));
            if (command.ExecuteNonQuery() == 0)
            {
                throw new CertwrightException(ErrorKind.Usage, $"a CA named '{authority.Name}' already exists; choose another name (see `certwright ca list`)");
            }

            return true;
        }, cancellationToken);
    }

    public Task<AuthorityRecord?> FindAuthorityAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return RunAsync(write: false, connection =>
        {
            using var command = Command(connection, SqliteAuthoritySql.SelectAuthority);
            Bind(command, "$name", name);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadAuthority(reader) : null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AuthorityRecord>> ListAuthoritiesAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<AuthorityRecord>>(write: false, connection =>
        {
            using var command = Command(connection, SqliteAuthoritySql.SelectAuthorities);
            return ReadAll(command, ReadAuthority);
        }, cancellationToken);

    public Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingIssuance(certificate);
        lock (_pendingLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= Task.Factory.StartNew(WriteIssuancesAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }

        // Once queued, the issuance is written whatever the caller does next: cancelling would not un-sign it.
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteAuthorityStore));
        }

        return pending.Completion.Task;
    }

    public Task<IReadOnlyList<IssuedCertificate>> FindIssuedAsync(string serialOrFingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialOrFingerprint);
        var bytes = SerialNumbers.TryParseHex(serialOrFingerprint);
        if (bytes is null)
        {
            return Task.FromResult<IReadOnlyList<IssuedCertificate>>([]);
        }

        var digits = serialOrFingerprint.Count(char.IsAsciiHexDigit);
        return RunAsync<IReadOnlyList<IssuedCertificate>>(write: false, connection =>
        {
            var found = new List<IssuedCertificate>();
            if (digits == 64)
            {
                using var bySha256 = Command(connection, SqliteAuthoritySql.SelectIssuedBySha256);
                Bind(bySha256, "$sha256", Convert.FromHexString(string.Concat(serialOrFingerprint.Where(char.IsAsciiHexDigit))));
                ReadIssued(bySha256, found);
            }

            // Serial look-ups go through the (authority, serial) key once per CA rather than scanning the ledger.
            using var names = Command(connection, SqliteAuthoritySql.SelectAuthorityNames);
            var authorities = new List<string>();
            using (var reader = names.ExecuteReader())
            {
                while (reader.Read())
                {
                    authorities.Add(reader.GetString(0));
                }
            }

            using var bySerial = Command(connection, SqliteAuthoritySql.SelectIssuedBySerial);
            var authorityParameter = bySerial.Parameters.Add("$authority", SqliteType.Text);
            bySerial.Parameters.AddWithValue("$serial", bytes);
            foreach (var authority in authorities)
            {
                authorityParameter.Value = authority;
                ReadIssued(bySerial, found);
            }

            return found.DistinctBy(c => c.Sha256).ToList();
        }, cancellationToken);
    }

    public Task<bool> RevokeAsync(string authority, byte[] serial, DateTimeOffset revokedAt, RevocationReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(serial);
        var key = SerialNumbers.Normalize(serial);
        return RunAsync(write: true, connection =>
        {
            var version = ScalarInt64(connection, SqliteAuthoritySql.SelectChangeCounter) + 1;
            using var command = Command(connection, SqliteAuthoritySql.Revoke);
            Bind(command, "$revoked_at", SqliteTime.ToSeconds(revokedAt));
            Bind(command, "$reason", (long)reason);
            Bind(command, "$version", version);
            Bind(command, "$authority", authority);
            Bind(command, "$serial", key);
            if (command.ExecuteNonQuery() == 0)
            {
                using var status = Command(connection, SqliteAuthoritySql.SelectStatus);
                Bind(status, "$authority", authority);
                Bind(status, "$serial", key);
                using var reader = status.ExecuteReader();
                return reader.Read()
                    ? false
                    : throw new CertwrightException(ErrorKind.Usage, $"CA '{authority}' never issued a certificate with serial {SerialNumbers.ToHex(key)}");
            }

            SetChangeCounter(connection, version);
            return true;
        }, cancellationToken);
    }

    public Task<CertificateStatus> GetStatusAsync(string authority, ReadOnlyMemory<byte> serial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var key = SerialNumbers.Normalize(serial.Span);
        return RunAsync(write: false, connection =>
        {
            using var command = Command(connection, SqliteAuthoritySql.SelectStatus);
            Bind(command, "$authority", authority);
            Bind(command, "$serial", key);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadStatus(reader, 0) : CertificateStatus.Unknown;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(string authority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return RunAsync<IReadOnlyList<RevokedCertificate>>(write: false, connection =>
        {
            using var command = Command(connection, SqliteAuthoritySql.SelectRevoked);
            Bind(command, "$authority", authority);
            using var reader = command.ExecuteReader();
            var revoked = new List<RevokedCertificate>();
            while (reader.Read())
            {
                revoked.Add(new RevokedCertificate((byte[])reader.GetValue(0), SqliteTime.FromSeconds(reader.GetInt64(1)), (RevocationReason)reader.GetInt64(2), SqliteTime.FromSeconds(reader.GetInt64(3))));
            }

            return revoked;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<LedgerEntry> ReadLedgerAsync(string authority, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var after = afterSequence;
        while (true)
        {
            var page = await RunAsync(write: false, connection =>
            {
                using var command = Command(connection, SqliteAuthoritySql.SelectLedger);
                Bind(command, "$authority", authority);
                Bind(command, "$after", after);
                Bind(command, "$limit", LedgerPageSize);
                using var reader = command.ExecuteReader();
                var entries = new List<LedgerEntry>();
                while (reader.Read())
                {
                    entries.Add(new LedgerEntry(reader.GetInt64(0), (byte[])reader.GetValue(1), SqliteTime.FromSeconds(reader.GetInt64(2)), ReadStatus(reader, 3)));
                }

                return entries;
            }, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < LedgerPageSize)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    public Task<long> GetChangeCounterAsync(CancellationToken cancellationToken) =>
        RunAsync(write: false, connection => ScalarInt64(connection, SqliteAuthoritySql.SelectChangeCounter), cancellationToken);

    public Task<long> NextCrlNumberAsync(string authority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteAuthoritySql.NextCrlNumber);
            Bind(command, "$name", authority);
            return command.ExecuteScalar() is long number
                ? number
                : throw new CertwrightException(ErrorKind.Usage, $"no CA named '{authority}'; see `certwright ca list`");
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Task? writer;
        lock (_pendingLock)
        {
            _disposed = true;
            _queue.Writer.TryComplete();
            writer = _writer;
        }

        // Issuances already queued are written before the connection closes.
        if (writer is not null)
        {
            await writer;
        }

        await _gated.CloseAsync(() => _recordCommands?.Dispose());
    }

    private static AuthorityRecord ReadAuthority(SqliteDataReader reader)
    {
        var store = reader.GetString(3) == "pkcs11" ? KeyStoreKind.Pkcs11 : KeyStoreKind.File;
        Pkcs11Location? pkcs11 = reader.IsDBNull(6) ? null : new Pkcs11Location(reader.GetString(6), reader.IsDBNull(7) ? "" : reader.GetString(7));
        return new AuthorityRecord(
            reader.GetString(0),
            (byte[])reader.GetValue(1),
            SplitCertificates((byte[])reader.GetValue(2)),
            new AuthorityKeyReference(store, reader.GetString(4), KeyTypes.Parse(reader.GetString(5)), pkcs11),
            reader.IsDBNull(8) ? null : new Uri(reader.GetString(8), UriKind.Absolute),
            SqliteTime.FromSeconds(reader.GetInt64(9)));
    }

    /// <summary>The chain column is the DER certificates one after another; each is a self-delimiting SEQUENCE.</summary>
    private static List<byte[]> SplitCertificates(byte[] concatenated)
    {
        var certificates = new List<byte[]>();
        var reader = new AsnReader(concatenated, AsnEncodingRules.DER);
        while (reader.HasData)
        {
            certificates.Add(reader.ReadEncodedValue().ToArray());
        }

        return certificates;
    }

    private static void ReadIssued(SqliteCommand command, List<IssuedCertificate> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(new IssuedCertificate(
                reader.GetString(0),
                reader.GetString(1),
                (byte[])reader.GetValue(2),
                Convert.ToHexStringLower((byte[])reader.GetValue(3)),
                reader.GetString(4),
                SqliteTime.FromSeconds(reader.GetInt64(5)),
                SqliteTime.FromSeconds(reader.GetInt64(6)),
                SqliteTime.FromSeconds(reader.GetInt64(7)),
                (byte[])reader.GetValue(8)));
        }
    }

    private static CertificateStatus ReadStatus(SqliteDataReader reader, int first) =>
        reader.IsDBNull(first)
            ? CertificateStatus.Good
            : new CertificateStatus(CertificateStatusKind.Revoked, SqliteTime.FromSeconds(reader.GetInt64(first)), (RevocationReason)reader.GetInt64(first + 1));
}
