using Certwright.Inventory;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

public sealed class SqliteInventoryStoreListTests
{
    [Fact]
    public async Task ListAsync_All_OrdersBySoonestExpiryIncludingExpired()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RecordAsync(
            [
                Seen(Fake("d200", Epoch.AddDays(200)), File("/d200.pem"), Epoch),
                Seen(Fake("expired", Epoch.AddDays(-3)), File("/expired.pem"), Epoch),
                Seen(Fake("d10", Epoch.AddDays(10)), File("/d10.pem"), Epoch),
                Seen(Fake("d40", Epoch.AddDays(40)), File("/d40.pem"), Epoch),
            ],
            default);

        var names = (await store.ListAsync(InventoryQuery.All, default).ToListAsync()).Select(e => e.CommonName);

        Assert.Equal(["expired", "d10", "d40", "d200"], names);
    }

    [Fact]
    public async Task ListAsync_ExpiringBefore_IncludesExpiredAndExcludesTheBoundary()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RecordAsync(
            [
                Seen(Fake("expired", Epoch.AddDays(-3)), File("/expired.pem"), Epoch),
                Seen(Fake("d29", Epoch.AddDays(29)), File("/d29.pem"), Epoch),
                Seen(Fake("d30", Epoch.AddDays(30)), File("/d30.pem"), Epoch),
                Seen(Fake("d31", Epoch.AddDays(31)), File("/d31.pem"), Epoch),
            ],
            default);

        var within30 = await store.ListAsync(new InventoryQuery { ExpiringBefore = Epoch.AddDays(30) }, default).ToListAsync();
        var justAfter30 = await store.ListAsync(new InventoryQuery { ExpiringBefore = Epoch.AddDays(30).AddMilliseconds(1) }, default).ToListAsync();

        Assert.Equal(["expired", "d29"], within30.Select(e => e.CommonName));
        Assert.Equal(["expired", "d29", "d30"], justAfter30.Select(e => e.CommonName));
    }

    [Fact]
    public async Task ListAsync_Namespace_KeepsCertificatesSeenThereOnce()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var shared = Fake("shared", Epoch.AddDays(5));
        await store.RecordAsync(
            [
                Seen(shared, File("/a/shared.pem", "team-a"), Epoch),
                Seen(shared, File("/b/shared.pem", "team-b"), Epoch),
                Seen(shared, File("/b/shared-copy.pem", "team-b"), Epoch),
                Seen(Fake("only-a", Epoch.AddDays(1)), File("/a/only.pem", "team-a"), Epoch),
                Seen(Fake("only-b", Epoch.AddDays(2)), File("/b/only.pem", "team-b"), Epoch),
            ],
            default);

        var teamB = await store.ListAsync(new InventoryQuery { Namespace = "team-b" }, default).ToListAsync();
        var teamBSoon = await store.ListAsync(new InventoryQuery { Namespace = "team-b", ExpiringBefore = Epoch.AddDays(3) }, default).ToListAsync();

        Assert.Equal(["only-b", "shared"], teamB.Select(e => e.CommonName));
        Assert.Equal(3, teamB[1].SightingCount);
        Assert.Equal(["only-b"], teamBSoon.Select(e => e.CommonName));
        Assert.Empty(await store.ListAsync(new InventoryQuery { Namespace = "nobody" }, default).ToListAsync());
    }

    [Fact]
    public async Task ListAsync_Limit_ReturnsTheSoonestOnes()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RecordAsync([.. Enumerable.Range(0, 20).Select(i => Seen(Fake($"n{i:D2}", Epoch.AddDays(20 - i)), File($"/{i}.pem"), Epoch))], default);

        var first3 = await store.ListAsync(new InventoryQuery { Limit = 3 }, default).ToListAsync();

        Assert.Equal(["n19", "n18", "n17"], first3.Select(e => e.CommonName));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(new InventoryQuery { Limit = 0 }, default).ToListAsync());
    }

    [Fact]
    public async Task ListAsync_LookingUpWhileEnumerating_DoesNotBlock()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RecordAsync([.. Enumerable.Range(0, 50).Select(i => Seen(Fake($"n{i}", Epoch.AddDays(i)), File($"/{i}.pem"), Epoch))], default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var seen = 0;
        await foreach (var entry in store.ListAsync(InventoryQuery.All, timeout.Token))
        {
            Assert.Single(await store.GetSightingsAsync(entry.Sha256, timeout.Token));
            // A write while a list streams on its own connection: WAL lets both proceed.
            await store.RecordAsync([Seen(Fake($"extra{seen}", Epoch.AddYears(5)), File($"/extra/{seen}.pem"), Epoch)], timeout.Token);
            seen++;
        }

        Assert.Equal(50, seen);
        Assert.Equal(100, (await store.GetStatisticsAsync(default)).Certificates);
    }

    [Fact]
    public async Task ListAsync_Cancelled_Throws()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RecordAsync([.. Enumerable.Range(0, 600).Select(i => Seen(Fake($"n{i}", Epoch.AddDays(i)), File($"/{i}.pem"), Epoch))], default);
        using var cancellation = new CancellationTokenSource();

        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in store.ListAsync(InventoryQuery.All, cancellation.Token))
            {
                if (++read == 10)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.InRange(read, 10, 256);
    }
}
