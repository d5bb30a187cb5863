using Certwright.Inventory;
using Certwright.Tests.TestSupport;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

public sealed class SqliteInventoryStoreRecordTests
{
    [Fact]
    public async Task RecordAsync_SameCertificateInTwoFiles_StoresItOnceWithTwoSightings()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        using var root = TestPki.CreateRoot();
        using var leaf = TestPki.CreateLeaf(root, "api.example.test", notAfter: Epoch.AddDays(90));
        var record = From(leaf);

        var summary = await store.RecordAsync(
            [Seen(record, File("/etc/ssl/a.pem"), Epoch), Seen(record, File("/etc/ssl/b.pem"), Epoch), Seen(From(root), File("/etc/ssl/a.pem"), Epoch, 1)],
            default);

        Assert.Equal(new RecordSummary(NewCertificates: 2, KnownCertificates: 1, NewSightings: 3, UpdatedSightings: 0), summary);
        var entry = await store.FindAsync(record.Sha256, default);
        Assert.NotNull(entry);
        Assert.Equal(record.Sha256, entry.Sha256);
        Assert.Equal(record.Sha1, entry.Sha1);
        Assert.Equal(leaf.Certificate.SerialNumber, entry.SerialNumber);
        Assert.Equal("CN=api.example.test", entry.Subject);
        Assert.Equal("CN=Certwright Test Root", entry.Issuer);
        Assert.Equal("api.example.test", entry.CommonName);
        Assert.Equal("EC P-256", entry.KeyDescription);
        Assert.Equal(256, entry.KeyBits);
        Assert.Equal("DNS:api.example.test", entry.SubjectAlternativeNames);
        Assert.False(entry.IsCertificateAuthority);
        Assert.Equal(2, entry.SightingCount);
        Assert.Equal("/etc/ssl/a.pem", entry.FirstLocation);
        Assert.Equal(record.NotAfter, entry.NotAfter);
        Assert.Equal(leaf.Der, await store.GetDerAsync(record.Sha256, default));
        var stats = await store.GetStatisticsAsync(default);
        Assert.Equal((2L, 2L, 3L), (stats.Certificates, stats.Locations, stats.Sightings));
    }

    [Fact]
    public async Task RecordAsync_SeenAgainLater_KeepsFirstSeenAndMovesLastSeen()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var record = Fake("web.test", Epoch.AddDays(30));
        var location = File("/srv/web.pem");

        await store.RecordAsync([Seen(record, location, fixture.Time.GetUtcNow())], default);
        fixture.Time.Advance(TimeSpan.FromHours(5));
        var again = await store.RecordAsync([Seen(record, location, fixture.Time.GetUtcNow(), position: 2)], default);

        Assert.Equal(new RecordSummary(0, 1, 0, 1), again);
        var sighting = Assert.Single(await store.GetSightingsAsync(record.Sha256, default));
        Assert.Equal(location, sighting.Location);
        Assert.Equal(Epoch, sighting.FirstSeen);
        Assert.Equal(Epoch.AddHours(5), sighting.LastSeen);
        Assert.Equal(2, sighting.Position);
        Assert.Equal(1, (await store.FindAsync(record.Sha256, default))!.SightingCount);
    }

    [Fact]
    public async Task RecordAsync_OlderObservationArrivingLate_NeverMovesLastSeenBack()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var record = Fake("late.test", Epoch.AddDays(30));
        var location = File("/srv/late.pem");

        await store.RecordAsync([Seen(record, location, Epoch.AddHours(2))], default);
        await store.RecordAsync([Seen(record, location, Epoch)], default);

        var sighting = Assert.Single(await store.GetSightingsAsync(record.Sha256, default));
        Assert.Equal((Epoch, Epoch.AddHours(2)), (sighting.FirstSeen, sighting.LastSeen));
    }

    [Fact]
    public async Task RecordAsync_LocationSeenInAnotherNamespace_MovesTheLocation()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var record = Fake("moved.test", Epoch.AddDays(30));

        await store.RecordAsync([Seen(record, File("/srv/moved.pem", "team-a"), Epoch)], default);
        await store.RecordAsync([Seen(record, File("/srv/moved.pem", "team-b"), Epoch.AddHours(1))], default);

        var sighting = Assert.Single(await store.GetSightingsAsync(record.Sha256, default));
        Assert.Equal("team-b", sighting.Location.Namespace);
        Assert.Empty(await store.ListAsync(new InventoryQuery { Namespace = "team-a" }, default).ToListAsync());
        Assert.Single(await store.ListAsync(new InventoryQuery { Namespace = "team-b" }, default).ToListAsync());
    }

    [Fact]
    public async Task RecordAsync_KeystoreEntriesInOneFile_AreSeparateLocations()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var record = Fake("alias.test", Epoch.AddDays(30));

        await store.RecordAsync(
            [Seen(record, new SightingLocation(SightingKind.File, "/srv/keystore.p12", Detail: "server"), Epoch), Seen(record, new SightingLocation(SightingKind.File, "/srv/keystore.p12", Detail: "backup"), Epoch)],
            default);

        var sightings = await store.GetSightingsAsync(record.Sha256, default);
        Assert.Equal(["/srv/keystore.p12 [backup]", "/srv/keystore.p12 [server]"], sightings.Select(s => s.Location.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecordAsync_Cancelled_WritesNothing()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var batch = Enumerable.Range(0, 1000).Select(i => Seen(Fake($"c{i}.test", Epoch.AddDays(i)), File($"/c/{i}.pem"), Epoch)).ToList();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.RecordAsync(batch, cancelled.Token));

        Assert.Equal(0, (await store.GetStatisticsAsync(default)).Certificates);
    }

    [Fact]
    public async Task RecordAsync_MalformedFingerprint_ThrowsAndRollsBackTheBatch()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var good = Seen(Fake("good.test", Epoch), File("/good.pem"), Epoch);
        var bad = Seen(Fake("bad.test", Epoch, sha256: "not-hex"), File("/bad.pem"), Epoch);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync([good, bad], default));

        Assert.StartsWith("certificate Sha256 must be 64 hex digits, not 'not-hex'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.GetStatisticsAsync(default)).Certificates);
    }

    [Fact]
    public async Task GetStatisticsAsync_CountsExpiredAgainstTheStoreClock()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RecordAsync(
            [Seen(Fake("old.test", Epoch.AddDays(-1)), File("/old.pem"), Epoch), Seen(Fake("new.test", Epoch.AddDays(1)), File("/new.pem"), Epoch)],
            default);

        Assert.Equal(1, (await store.GetStatisticsAsync(default)).Expired);
        fixture.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, (await store.GetStatisticsAsync(default)).Expired);
    }

    [Fact]
    public async Task GetDerAsync_UnknownFingerprint_ReturnsNull()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();

        Assert.Null(await store.GetDerAsync(new string('a', 64), default));
        Assert.Empty(await store.GetSightingsAsync(new string('a', 64), default));
    }

    [Fact]
    public async Task RecordAsync_UpperCaseFingerprints_StoredAsTheSameBytesAsLowerCase()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var sha256 = "0123456789abcdefABCDEF0123456789abcdef0123456789ABCDEF0123456789";

        await store.RecordAsync([Seen(Fake("case.test", Epoch, sha256: sha256, sha1: "FFEEDDCCBBAA99887766554433221100aabbccdd"), File("/case.pem"), Epoch)], default);

        Assert.Equal(
            [sha256.ToLowerInvariant() + " ffeeddccbbaa99887766554433221100aabbccdd"],
            SqliteFile.Rows(fixture.DatabasePath, "SELECT lower(hex(sha256)) || ' ' || lower(hex(sha1)) FROM certificates"));
    }

    [Theory]
    [InlineData('\u0130')] // low byte 0x30, the digit '0'
    [InlineData('\u0161')] // low byte 0x61, the digit 'a'
    [InlineData('g')]
    public async Task RecordAsync_FingerprintWithANonHexChar_ThrowsAndRecordsNothing(char bad)
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var sha256 = bad + new string('a', 63);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => store.RecordAsync([Seen(Fake("bad.test", Epoch, sha256: sha256), File("/bad.pem"), Epoch)], default));

        Assert.Equal($"certificate Sha256 must be 64 hex digits, not '{sha256}' (Parameter 'Sha256')", error.Message);
        Assert.Equal(0, (await store.GetStatisticsAsync(default)).Certificates);
    }
}
