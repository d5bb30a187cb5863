using Certwright.Inventory;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

public sealed class SqliteInventoryRecorderTests
{
    [Fact]
    public async Task RecordAsync_BatchesThenCommit_StoresThemAsRecordAsyncWould()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var shared = Fake("shared.test", Epoch.AddDays(10));

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            var first = await recorder.RecordAsync([Seen(shared, File("/a.pem"), Epoch), Seen(Fake("one.test", Epoch.AddDays(3)), File("/a.pem"), Epoch, 1)], default);
            var second = await recorder.RecordAsync([Seen(shared, File("/b.pem"), Epoch), Seen(shared, File("/a.pem"), Epoch.AddHours(1))], default);
            var atCommit = await recorder.CommitAsync(default);

            // Batches wait to be written with later ones: the summaries add up to what the session recorded.
            Assert.Equal(new RecordSummary(2, 2, 3, 1), first + second + atCommit);
        }

        var entry = await store.FindAsync(shared.Sha256, default);
        Assert.Equal((2, "/a.pem"), (entry?.SightingCount, entry?.FirstLocation));
        Assert.Equal(shared.Der.ToArray(), await store.GetDerAsync(shared.Sha256, default));
        var stats = await store.GetStatisticsAsync(default);
        Assert.Equal((2L, 2L, 3L), (stats.Certificates, stats.Locations, stats.Sightings));
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
    }

    [Fact]
    public async Task DisposeAsync_WithoutCommit_RollsBackWhatItRecorded()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync([Seen(Fake("gone.test", Epoch), File("/gone.pem"), Epoch)], default);
        }

        Assert.Equal(0, (await store.GetStatisticsAsync(default)).Certificates);
    }

    [Fact]
    public async Task RecordAsync_CommitIntervalReached_CommitsWithoutBeingAsked()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        store.RecordingCommitInterval = 3;

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync(Batch("early", 2), default);
            Assert.Equal(0L, SqliteFile.Scalar(fixture.DatabasePath, "SELECT count(*) FROM certificates"));
            await recorder.RecordAsync(Batch("due", 2), default);
            Assert.Equal(4L, SqliteFile.Scalar(fixture.DatabasePath, "SELECT count(*) FROM certificates"));
            await recorder.RecordAsync(Batch("late", 1), default);
        }

        Assert.Equal(4, (await store.GetStatisticsAsync(default)).Certificates);
    }

    [Fact]
    public async Task RecordAsync_FailingBatch_RollsBackSinceTheLastCommitAndTheSessionGoesOn()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        store.RecordingCommitInterval = 2;
        var bad = Seen(Fake("bad.test", Epoch, sha256: "not-hex"), File("/bad.pem"), Epoch);

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync(Batch("committed", 2), default);
            await recorder.RecordAsync(Batch("lost", 1), default);
            await Assert.ThrowsAsync<ArgumentException>(() => recorder.RecordAsync([Seen(Fake("also-lost.test", Epoch), File("/x.pem"), Epoch), bad], default));
            var after = await recorder.RecordAsync(Batch("lost", 1), default);
            after += await recorder.CommitAsync(default);

            // The first "lost" certificate was rolled back with the failed batch: recording it again makes it new.
            Assert.Equal(new RecordSummary(1, 0, 1, 0), after);
        }

        var subjects = SqliteFile.Rows(fixture.DatabasePath, "SELECT common_name FROM certificates ORDER BY common_name");
        Assert.Equal(["committed0", "committed1", "lost0"], subjects);
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
    }

    [Fact]
    public async Task BeginRecordingAsync_OpenSession_HoldsOtherCallsOnTheStoreUntilDisposed()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var recorder = await store.BeginRecordingAsync(default);
        await recorder.RecordAsync(Batch("held", 1), default);

        // With the store free this read completes synchronously; held, it waits for the session.
        var statistics = store.GetStatisticsAsync(default);
        Assert.False(statistics.IsCompleted);
        await recorder.CommitAsync(default);
        await recorder.DisposeAsync();

        Assert.Equal(1, (await statistics.WaitAsync(TimeSpan.FromSeconds(10))).Certificates);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DisposeAsync_CommittedOrNot_LeavesForeignKeysEnforcedOnTheStoresConnection(bool commit)
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync(Batch("session", 3), default);
            if (commit)
            {
                await recorder.CommitAsync(default);
            }
        }

        Assert.Equal(1L, await store.ScalarAsync("PRAGMA foreign_keys;", default));
    }

    private static List<CertificateObservation> Batch(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Seen(Fake($"{prefix}{i}", Epoch.AddDays(i)), File($"/{prefix}/{i}.pem"), Epoch))];
}
