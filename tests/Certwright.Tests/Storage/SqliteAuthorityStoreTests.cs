using Certwright.Authority;
using Certwright.Inventory;
using Certwright.Keys;
using Certwright.Storage.Sqlite;
using Certwright.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Certwright.Tests.Storage;

public sealed class SqliteAuthorityStoreTests : IDisposable
{
    private static readonly DateTimeOffset Issued = TestRecords.Epoch;
    private readonly TestCertificate _root = TestPki.CreateRoot();
    private readonly TestCertificate _intermediate;

    public SqliteAuthorityStoreTests() => _intermediate = TestPki.CreateIntermediate(_root);

    public void Dispose()
    {
        _intermediate.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task AddAuthority_ThenFind_RoundTripsEveryField()
    {
        await using var fixture = new StoreFixture();
        await using var store = Open(fixture);
        var record = Authority("corp", new Pkcs11Location("/usr/lib/softhsm/libsofthsm2.so", "ca-token"), new Uri("http://ca.internal:8080/"));

        await store.AddAuthorityAsync(record, default);
        var found = await store.FindAuthorityAsync("corp", default);

        Assert.NotNull(found);
        Assert.Equal(record.IssuingCertificate, found.IssuingCertificate);
        Assert.Equal([_root.Der], found.Chain.ToArray());
        Assert.Equal(record.IssuingKey, found.IssuingKey);
        Assert.Equal(record.PublicUrl, found.PublicUrl);
        Assert.Equal(record.Created, found.Created);
        Assert.Null(await store.FindAuthorityAsync("other", default));
        Assert.Equal(["corp"], (await store.ListAuthoritiesAsync(default)).Select(a => a.Name));
    }

    [Fact]
    public async Task AddAuthority_NameTaken_ThrowsUsageAndKeepsTheFirst()
    {
        await using var fixture = new StoreFixture();
        await using var store = Open(fixture);
        await store.AddAuthorityAsync(Authority("corp"), default);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => store.AddAuthorityAsync(Authority("corp") with { PublicUrl = new Uri("http://x/") }, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("a CA named 'corp' already exists; choose another name (see `certwright ca list`)", error.Message);
        Assert.Null((await store.FindAuthorityAsync("corp", default))!.PublicUrl);
    }

    [Fact]
    public async Task RecordIssued_IsFoundBySerialAndFingerprintAndSitsInTheInventory()
    {
        await using var fixture = new StoreFixture();
        await using var store = Open(fixture);
        await store.AddAuthorityAsync(Authority("corp"), default);
        using var leaf = TestPki.CreateLeaf(_intermediate, "api.internal");
        var issued = Issue("corp", leaf, "server");

        await store.RecordIssuedAsync(issued, default);

        var serialHex = leaf.Certificate.SerialNumber;
        var withColons = string.Join(':', Enumerable.Range(0, serialHex.Length / 2).Select(i => serialHex.Substring(i * 2, 2))).ToLowerInvariant();
        Assert.Equal(issued.Sha256, Assert.Single(await store.FindIssuedAsync(withColons, default)).Sha256);
        var byFingerprint = Assert.Single(await store.FindIssuedAsync(leaf.Sha256.ToUpperInvariant(), default));
        Assert.Equal(("corp", "server"), (byFingerprint.Authority, byFingerprint.Profile));
        Assert.Equal(leaf.Der, byFingerprint.Der);
        Assert.Empty(await store.FindIssuedAsync("not hex", default));

        await using var inventory = await fixture.OpenAsync();
        var sighting = Assert.Single(await inventory.GetSightingsAsync(leaf.Sha256, default));
        Assert.Equal(new SightingLocation(SightingKind.Authority, "corp", Detail: "server"), sighting.Location);
        Assert.Equal("issued by CA corp (server)", sighting.Location.ToString());
    }

    [Fact]
    public async Task RecordIssued_SerialTaken_FailsOnlyThatIssuance()
    {
        await using var fixture = new StoreFixture();
        await using var store = Open(fixture);
        await store.AddAuthorityAsync(Authority("corp"), default);
        using var first = TestPki.CreateLeaf(_intermediate, "a.internal");
        using var second = TestPki.CreateLeaf(_intermediate, "b.internal");
        await store.RecordIssuedAsync(Issue("corp", first, "server"), default);

        var clash = Issue("corp", second, "server") with { Serial = first.Certificate.SerialNumberBytes.ToArray() };
        var error = await Assert.ThrowsAsync<CertwrightException>(() => store.RecordIssuedAsync(clash, default));

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.Equal($"CA 'corp' already issued serial {first.Certificate.SerialNumber}", error.Message);
        Assert.Equal(first.Sha256, Assert.Single(await store.FindIssuedAsync(first.Certificate.SerialNumber, default)).Sha256);
        Assert.Equal(1, await store.GetChangeCounterAsync(default));
    }

    [Fact]
    public async Task RecordIssued_ManyConcurrentCallers_AllDurableWithConsecutiveVersions()
    {
        await using var fixture = new StoreFixture();
        await using var store = Open(fixture);
        await store.AddAuthorityAsync(Authority("corp"), default);
        var leaves = Enumerable.Range(0, 48).Select(i => TestPki.CreateLeaf(_intermediate, $"svc{i}.internal")).ToList();
        try
        {
            await Task.WhenAll(leaves.Select(l => Task.Run(() => store.RecordIssuedAsync(Issue("corp", l, "server"), default))));

            var ledger = await ToListAsync(store.ReadLedgerAsync("corp", 0, default));
            Assert.Equal(Enumerable.Range(1, 48).Select(i => (long)i), ledger.Select(e => e.Sequence));
            Assert.Equal(leaves.Select(l => Convert.ToHexString(l.Certificate.SerialNumberBytes.ToArray())).Order(), ledger.Select(e => SerialNumbers.ToHex(e.Serial)).Order());
            Assert.All(ledger, e => Assert.Equal(CertificateStatusKind.Good, e.Status.Kind));
            Assert.Equal(48, await store.GetChangeCounterAsync(default));
        }
        finally
        {
            leaves.ForEach(l => l.Dispose());
        }
    }

    [Fact]
    public async Task Revoke_ChangesStatusOnceAndShowsInLedgerAndCrlList()
    {
        await using var fixture = new StoreFixture();
        await using var store = Open(fixture);
        await store.AddAuthorityAsync(Authority("corp"), default);
        using var good = TestPki.CreateLeaf(_intermediate, "good.internal");
        using var bad = TestPki.CreateLeaf(_intermediate, "bad.internal");
        await store.RecordIssuedAsync(Issue("corp", good, "server"), default);
        await store.RecordIssuedAsync(Issue("corp", bad, "client"), default);
        var serial = bad.Certificate.SerialNumberBytes.ToArray();

        Assert.True(await store.RevokeAsync("corp", serial, Issued.AddHours(1), RevocationReason.KeyCompromise, default));
        Assert.False(await store.RevokeAsync("corp", serial, Issued.AddHours(2), RevocationReason.Superseded, default));

        var status = await store.GetStatusAsync("corp", serial, default);
        Assert.Equal(new CertificateStatus(CertificateStatusKind.Revoked, Issued.AddHours(1), RevocationReason.KeyCompromise), status);
        Assert.Equal(CertificateStatus.Good, await store.GetStatusAsync("corp", good.Certificate.SerialNumberBytes.ToArray(), default));
        Assert.Equal(CertificateStatus.Unknown, await store.GetStatusAsync("corp", new byte[] { 0x00, 0x42 }, default));
        var revoked = Assert.Single(await store.ListRevokedAsync("corp", default));
        Assert.Equal(SerialNumbers.Normalize(serial), revoked.Serial);
        Assert.Equal((Issued.AddHours(1), RevocationReason.KeyCompromise), (revoked.RevokedAt, revoked.Reason));
        var changed = Assert.Single(await ToListAsync(store.ReadLedgerAsync("corp", 2, default)));
        Assert.Equal((3L, CertificateStatusKind.Revoked), (changed.Sequence, changed.Status.Kind));
    }

    [Fact]
    public async Task Revoke_SerialNeverIssued_ThrowsUsage()
    {
        await using var fixture = new StoreFixture();
        await using var store = Open(fixture);
        await store.AddAuthorityAsync(Authority("corp"), default);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => store.RevokeAsync("corp", [0x0A, 0xBC], Issued, RevocationReason.Unspecified, default));

        Assert.Equal("CA 'corp' never issued a certificate with serial 0ABC", error.Message);
    }

    [Fact]
    public async Task NextCrlNumber_IncreasesAndSurvivesReopening()
    {
        await using var fixture = new StoreFixture();
        await using (var store = Open(fixture))
        {
            await store.AddAuthorityAsync(Authority("corp"), default);
            Assert.Equal(1, await store.NextCrlNumberAsync("corp", default));
            Assert.Equal(2, await store.NextCrlNumberAsync("corp", default));
            var error = await Assert.ThrowsAsync<CertwrightException>(() => store.NextCrlNumberAsync("nope", default));
            Assert.Equal("no CA named 'nope'; see `certwright ca list`", error.Message);
        }

        await using var reopened = Open(fixture);
        Assert.Equal(3, await reopened.NextCrlNumberAsync("corp", default));
    }

    [Fact]
    public async Task Migrate_FromVersionTwoWithRows_KeepsThem()
    {
        await using var fixture = new StoreFixture();
        using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False"))
        {
            connection.Open();
            Exec(connection, "PRAGMA journal_mode = WAL;" + string.Concat(SqliteSchema.Migrations.Where(m => m.Version <= 2).Select(m => m.Sql)) + "PRAGMA user_version = 2;");
            Exec(connection, """
                INSERT INTO certificates VALUES (42, 1000, x'01', x'02', '0A', 'CN=a', 'CN=a', 'a', 0, 'EC P-256', 256, 'ecdsa-with-SHA256', '', 0, 1, 1, '/etc/a.pem', 0, 7);
                INSERT INTO certificate_der VALUES (7, x'3000');
                INSERT INTO locations VALUES (123456789, 'file', '/etc/a.pem', '', '', 'default', NULL, NULL);
                INSERT INTO sightings VALUES (42, 123456789, 0, 5, 6);
                """);
        }

        await using (var store = Open(fixture))
        {
            Assert.Equal(0, await store.GetChangeCounterAsync(default));
        }

        using var check = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        check.Open();
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(check, "PRAGMA user_version"));
        Assert.Equal("file|/etc/a.pem", Scalar(check, "SELECT kind || '|' || address FROM locations WHERE id = 123456789"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sightings WHERE location_id = 123456789 AND certificate_id = 42"));
        Assert.Equal(0L, Scalar(check, "SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Contains("'authority'", (string)Scalar(check, "SELECT sql FROM sqlite_schema WHERE name = 'locations'")!, StringComparison.Ordinal);
    }

    private static SqliteAuthorityStore Open(StoreFixture fixture) => SqliteAuthorityStore.Open(fixture.DatabasePath, fixture.Options, fixture.Time);

    private AuthorityRecord Authority(string name, Pkcs11Location? pkcs11 = null, Uri? publicUrl = null) => new(
        name,
        _intermediate.Der,
        [_root.Der],
        new AuthorityKeyReference(pkcs11 is null ? KeyStoreKind.File : KeyStoreKind.Pkcs11, "key-" + name, KeyType.EcP256, pkcs11),
        publicUrl,
        Issued);

    private static IssuedCertificate Issue(string authority, TestCertificate leaf, string profile) => new(
        authority,
        profile,
        leaf.Certificate.SerialNumberBytes.ToArray(),
        leaf.Sha256,
        leaf.Certificate.Subject,
        leaf.Certificate.NotBefore.ToUniversalTime(),
        leaf.Certificate.NotAfter.ToUniversalTime(),
        Issued,
        leaf.Der);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
