using Certwright.Inventory;
using Certwright.Tests.TestSupport;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

public sealed class SqliteInventoryStoreEndpointTests
{
    private static readonly SightingLocation Api = Endpoint("127.0.0.1:8443", sni: "api.example.test", ns: "payments");

    [Fact]
    public async Task RecordEndpointChainAsync_FirstScan_ReturnsNullAndRecordsFirstSeen()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        using var root = TestPki.CreateRoot();
        using var leaf = TestPki.CreateLeaf(root, "api.example.test");

        var change = await store.RecordEndpointChainAsync(Api, [Seen(From(leaf), Api, Epoch), Seen(From(root), Api, Epoch, 1)], default);

        Assert.Null(change);
        var history = await store.GetEndpointEventsAsync(Api, 10, default);
        Assert.Equal([new EndpointEvent(Api, Epoch, EndpointEventKind.FirstSeen, null, leaf.Sha256)], history);
        var sightings = await store.GetSightingsAsync(leaf.Sha256, default);
        Assert.True(Assert.Single(sightings).IsCurrentEndpointLeaf);
        Assert.False(Assert.Single(await store.GetSightingsAsync(root.Sha256, default)).IsCurrentEndpointLeaf);
    }

    [Fact]
    public async Task RecordEndpointChainAsync_SameLeafAgain_ReturnsNullAndAddsNoEvent()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var leaf = Fake("api.example.test", Epoch.AddDays(60));

        await store.RecordEndpointChainAsync(Api, [Seen(leaf, Api, Epoch)], default);
        var change = await store.RecordEndpointChainAsync(Api, [Seen(leaf, Api, Epoch.AddHours(1))], default);

        Assert.Null(change);
        Assert.Single(await store.GetEndpointEventsAsync(Api, 10, default));
        Assert.Equal(Epoch.AddHours(1), Assert.Single(await store.GetSightingsAsync(leaf.Sha256, default)).LastSeen);
    }

    [Fact]
    public async Task RecordEndpointChainAsync_NewLeaf_ReturnsPreviousLeafAndKeepsHistory()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var first = Fake("api-2029.example.test", Epoch.AddDays(10));
        var second = Fake("api-2030.example.test", Epoch.AddDays(100));

        await store.RecordEndpointChainAsync(Api, [Seen(first, Api, Epoch)], default);
        var change = await store.RecordEndpointChainAsync(Api, [Seen(second, Api, Epoch.AddDays(5))], default);
        var back = await store.RecordEndpointChainAsync(Api, [Seen(first, Api, Epoch.AddDays(6))], default);

        Assert.NotNull(change);
        Assert.Equal(Api, change.Endpoint);
        Assert.Equal(Epoch.AddDays(5), change.ChangedAt);
        Assert.Equal(first.Sha256, change.Previous.Sha256);
        Assert.Equal("CN=api-2029.example.test", change.Previous.Subject);
        Assert.Equal(second.Sha256, change.CurrentSha256);
        Assert.Equal(second.Sha256, back?.Previous.Sha256);
        Assert.Equal(
            [
                new EndpointEvent(Api, Epoch.AddDays(6), EndpointEventKind.CertificateChanged, second.Sha256, first.Sha256),
                new EndpointEvent(Api, Epoch.AddDays(5), EndpointEventKind.CertificateChanged, first.Sha256, second.Sha256),
                new EndpointEvent(Api, Epoch, EndpointEventKind.FirstSeen, null, first.Sha256),
            ],
            await store.GetEndpointEventsAsync(Api, 10, default));
        Assert.False(Assert.Single(await store.GetSightingsAsync(second.Sha256, default)).IsCurrentEndpointLeaf);
        Assert.True(Assert.Single(await store.GetSightingsAsync(first.Sha256, default)).IsCurrentEndpointLeaf);
    }

    [Fact]
    public async Task GetEndpointEventsAsync_SeveralEndpoints_FiltersByEndpointAndLimits()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var other = Endpoint("127.0.0.1:9443");
        var sameHostOtherSni = Endpoint("127.0.0.1:8443", sni: "www.example.test");
        await store.RecordEndpointChainAsync(Api, [Seen(Fake("a", Epoch), Api, Epoch)], default);
        await store.RecordEndpointChainAsync(other, [Seen(Fake("b", Epoch), other, Epoch.AddMinutes(1))], default);
        await store.RecordEndpointChainAsync(sameHostOtherSni, [Seen(Fake("c", Epoch), sameHostOtherSni, Epoch.AddMinutes(2))], default);

        Assert.Equal([Api], (await store.GetEndpointEventsAsync(Api, 10, default)).Select(e => e.Endpoint));
        Assert.Equal([sameHostOtherSni, other], (await store.GetEndpointEventsAsync(null, 2, default)).Select(e => e.Endpoint));
        Assert.Equal(3, (await store.GetStatisticsAsync(default)).EndpointEvents);
    }

    [Fact]
    public async Task RecordEndpointChainAsync_ObservationFromAnotherLocation_Throws()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => store.RecordEndpointChainAsync(Api, [Seen(Fake("a", Epoch), File("/a.pem"), Epoch)], default));

        Assert.StartsWith("chain observation at '/a.pem' does not belong to endpoint '127.0.0.1:8443 (SNI api.example.test)'", error.Message, StringComparison.Ordinal);
    }
}
