using Certwright.Inventory;
using Certwright.Storage.Sqlite;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

/// <summary>
/// Rows whose keys hash to an id another row holds move on along the probe chain, and are found there again.
/// Locations collide through an injected hash; certificates through fingerprints that share their first 24 bits.
/// </summary>
public sealed class SqliteKeyCollisionTests
{
    private const long Colliding = 1_000;

    // Same first three bytes (the slot), different fingerprints.
    private const string Sha256A = "abcdef0000000000000000000000000000000000000000000000000000000001";
    private const string Sha256B = "abcdef0000000000000000000000000000000000000000000000000000000002";
    private const string Sha256C = "abcdef0000000000000000000000000000000000000000000000000000000003";

    [Fact]
    public async Task RecordAsync_LocationsWithTheSameHash_GetSuccessiveIdsAndAreFoundAgain()
    {
        await using var fixture = new StoreFixture();
        await using var store = await OpenWithConstantHashAsync(fixture);
        var record = Fake("shared.test", Epoch.AddDays(5));
        SightingLocation[] locations = [File("/a.pem"), File("/b.pem", "team-b"), Endpoint("127.0.0.1:443", sni: "a.test")];

        await store.RecordAsync([.. locations.Select(l => Seen(record, l, Epoch))], default);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        var again = await store.RecordAsync([.. locations.Reverse().Select(l => Seen(record, l, fixture.Time.GetUtcNow()))], default);

        Assert.Equal(new RecordSummary(0, 3, 0, 3), again);
        Assert.Equal(
            [$"{Colliding}|file|/a.pem||default", $"{Colliding + 1}|file|/b.pem||team-b", $"{Colliding + 2}|endpoint|127.0.0.1:443|a.test|default"],
            SqliteFile.Rows(fixture.DatabasePath, "SELECT id, kind, address, server_name, namespace FROM locations ORDER BY id"));
        var sightings = await store.GetSightingsAsync(record.Sha256, default);
        Assert.All(sightings, s => Assert.Equal(Epoch.AddHours(1), s.LastSeen));
        Assert.Equal(3, (await store.FindAsync(record.Sha256, default))?.SightingCount);
    }

    [Fact]
    public async Task RecordAsync_CollidingLocationMovedToAnotherNamespace_UpdatesThatRowOnly()
    {
        await using var fixture = new StoreFixture();
        await using var store = await OpenWithConstantHashAsync(fixture);
        var record = Fake("moved.test", Epoch.AddDays(5));
        await store.RecordAsync([Seen(record, File("/first.pem", "team-a"), Epoch), Seen(record, File("/second.pem", "team-a"), Epoch)], default);

        await store.RecordAsync([Seen(record, File("/second.pem", "team-b"), Epoch)], default);

        Assert.Equal(
            [$"{Colliding}|/first.pem|team-a", $"{Colliding + 1}|/second.pem|team-b"],
            SqliteFile.Rows(fixture.DatabasePath, "SELECT id, address, namespace FROM locations ORDER BY id"));
    }

    [Fact]
    public async Task GetEndpointEventsAsync_EndpointsWithTheSameHash_ReturnsOnlyTheOneAskedFor()
    {
        await using var fixture = new StoreFixture();
        await using var store = await OpenWithConstantHashAsync(fixture);
        var first = Endpoint("127.0.0.1:443");
        var second = Endpoint("127.0.0.1:8443");
        await store.RecordEndpointChainAsync(first, [Seen(Fake("one.test", Epoch.AddDays(5)), first, Epoch)], default);
        await store.RecordEndpointChainAsync(second, [Seen(Fake("two.test", Epoch.AddDays(5)), second, Epoch)], default);

        var events = await store.GetEndpointEventsAsync(second, 10, default);

        Assert.Equal("127.0.0.1:8443", Assert.Single(events).Endpoint.Address);
        Assert.Empty(await store.GetEndpointEventsAsync(Endpoint("127.0.0.1:9443"), 10, default));
    }

    [Fact]
    public async Task RecordAsync_CertificatesSharingSlotAndExpiry_TakeSuccessiveIdsAndStayDistinct()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var a = Fake("a.test", Epoch.AddDays(30), sha256: Sha256A);
        var b = Fake("b.test", Epoch.AddDays(30), sha256: Sha256B);
        var c = Fake("c.test", Epoch.AddDays(30), sha256: Sha256C);

        var first = await store.RecordAsync([Seen(a, File("/a.pem"), Epoch), Seen(b, File("/b.pem"), Epoch)], default);
        var second = await store.RecordAsync([Seen(c, File("/c.pem"), Epoch), Seen(b, File("/b2.pem"), Epoch), Seen(a, File("/a.pem"), Epoch)], default);

        Assert.Equal(new RecordSummary(2, 0, 2, 0), first);
        Assert.Equal(new RecordSummary(1, 2, 2, 1), second);
        var firstId = SqliteCertificateKeys.Id(SqliteTime.ToSeconds(Epoch.AddDays(30)), 0xabcdef, 0);
        Assert.Equal(
            [$"{firstId}|a.test|1", $"{firstId + 1}|b.test|2", $"{firstId + 2}|c.test|1"],
            SqliteFile.Rows(fixture.DatabasePath, "SELECT id, common_name, sighting_count FROM certificates ORDER BY id"));
        Assert.Equal(b.Der.ToArray(), await store.GetDerAsync(Sha256B, default));
        Assert.Equal("c.test", (await store.FindAsync(Sha256C, default))?.CommonName);
    }

    [Fact]
    public async Task RecordAsync_ProbeChainBrokenByADelete_FindsTheCertificateByFingerprintInsteadOfStoringItTwice()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var a = Fake("a.test", Epoch.AddDays(30), sha256: Sha256A);
        var b = Fake("b.test", Epoch.AddDays(30), sha256: Sha256B);
        await store.RecordAsync([Seen(a, File("/a.pem"), Epoch), Seen(b, File("/b.pem"), Epoch)], default);
        SqliteFile.Execute(fixture.DatabasePath, $"DELETE FROM certificates WHERE sha256 = x'{Sha256A}';");

        var again = await store.RecordAsync([Seen(b, File("/b.pem"), Epoch.AddHours(1))], default);

        Assert.Equal(new RecordSummary(0, 1, 0, 1), again);
        Assert.Equal(["b.test|1"], SqliteFile.Rows(fixture.DatabasePath, "SELECT common_name, sighting_count FROM certificates"));
        Assert.Equal(1L, SqliteFile.Scalar(fixture.DatabasePath, "SELECT count(*) FROM certificate_der"));
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
    }

    [Fact]
    public void Id_SlotAtTheEndOfTheSecond_WrapsToItsStart()
    {
        var first = SqliteCertificateKeys.FirstOfSecond(1_900_000_000);

        Assert.Equal(first + 0xFFFFFF, SqliteCertificateKeys.Id(1_900_000_000, 0xFFFFFF, 0));
        Assert.Equal(first, SqliteCertificateKeys.Id(1_900_000_000, 0xFFFFFF, 1));
        Assert.Equal(0xabcdef, SqliteCertificateKeys.Slot(Convert.FromHexString(Sha256A)));
    }

    [Fact]
    public void Next_LastId_WrapsToZero() => Assert.Equal(0, SqliteLocationKey.Next(long.MaxValue));

    private static Task<SqliteInventoryStore> OpenWithConstantHashAsync(StoreFixture fixture) =>
        SqliteInventoryStore.OpenAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default, locationHash: _ => Colliding);
}
