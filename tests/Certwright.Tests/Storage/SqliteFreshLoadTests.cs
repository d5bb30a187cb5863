using Certwright.Inventory;
using Certwright.Storage.Sqlite;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

/// <summary>A first import builds the inventory aside and moves it into place when the store is disposed.</summary>
public sealed class SqliteFreshLoadTests
{
    [Fact]
    public async Task OpenForImportAsync_NoInventoryYet_AppearsWholeInWalModeOnlyWhenDisposed()
    {
        await using var fixture = new StoreFixture();
        var store = await SqliteInventoryStore.OpenForImportAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default);

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync(Batch("fresh", 5), default);
            await recorder.CommitAsync(default);
        }

        Assert.False(System.IO.File.Exists(fixture.DatabasePath));
        Assert.True(System.IO.File.Exists(Staging(fixture)));
        await store.DisposeAsync();

        Assert.Equal([Path.GetFileName(fixture.DatabasePath)], Directory.GetFiles(fixture.DataDirectory).Select(Path.GetFileName));
        Assert.Equal("wal", SqliteFile.Scalar(fixture.DatabasePath, "PRAGMA journal_mode"));
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
        var reopened = await fixture.OpenAsync();
        Assert.Equal((5L, 5L, 5L), Counts(await reopened.GetStatisticsAsync(default)));
    }

    [Fact]
    public async Task DisposeAsync_WalOfADatabaseDeletedByHand_NotReplayedOntoTheNewOne()
    {
        await using var fixture = new StoreFixture();
        // A database deleted while its WAL held committed frames: SQLite would replay them onto any file of that name.
        var old = await fixture.OpenAsync();
        await old.RecordAsync(Batch("old", 50), default);
        System.IO.File.Copy(fixture.DatabasePath + "-wal", fixture.DataDirectory + "/stale-wal");
        await old.DisposeAsync();
        System.IO.File.Delete(fixture.DatabasePath);
        System.IO.File.Move(fixture.DataDirectory + "/stale-wal", fixture.DatabasePath + "-wal");
        Assert.True(new FileInfo(fixture.DatabasePath + "-wal").Length > 0);

        await using (var store = await SqliteInventoryStore.OpenForImportAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default))
        {
            await store.RecordAsync(Batch("new", 3), default);
        }

        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
        Assert.Equal(["new0.test", "new1.test", "new2.test"], SqliteFile.Rows(fixture.DatabasePath, "SELECT common_name FROM certificates ORDER BY common_name"));
    }

    [Fact]
    public async Task OpenForImportAsync_InventoryExists_RecordsIntoItDirectly()
    {
        await using var fixture = new StoreFixture();
        await (await fixture.OpenAsync()).RecordAsync(Batch("before", 2), default);
        await using var store = await SqliteInventoryStore.OpenForImportAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default);

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync(Batch("after", 3), default);
            await recorder.CommitAsync(default);
        }

        Assert.False(System.IO.File.Exists(Staging(fixture)));
        Assert.Equal(5L, SqliteFile.Scalar(fixture.DatabasePath, "SELECT count(*) FROM certificates"));
    }

    [Fact]
    public async Task RecordAsync_CommitIntervalReached_SwitchesToWalAndLaterRollbacksKeepTheCommittedPart()
    {
        await using var fixture = new StoreFixture();
        var store = await SqliteInventoryStore.OpenForImportAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default);
        store.RecordingCommitInterval = 3;
        Assert.Equal(RollbackJournalFormat, FileFormatVersion(Staging(fixture)));

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync(Batch("committed", 3), default);
            Assert.Equal(WalFormat, FileFormatVersion(Staging(fixture)));
            await recorder.RecordAsync(Batch("rolled-back", 2), default);
        }

        await store.DisposeAsync();
        Assert.Equal(["committed0.test", "committed1.test", "committed2.test"], SqliteFile.Rows(fixture.DatabasePath, "SELECT common_name FROM certificates ORDER BY common_name"));
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
    }

    [Fact]
    public async Task DisposeAsync_UncommittedFirstTransaction_RolledBackAndAnEmptyInventoryInstalled()
    {
        await using var fixture = new StoreFixture();
        var store = await SqliteInventoryStore.OpenForImportAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default);

        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync(Batch("uncommitted", 4), default);
        }

        await store.DisposeAsync();
        Assert.Equal(0L, SqliteFile.Scalar(fixture.DatabasePath, "SELECT count(*) FROM certificates"));
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
    }

    [Fact]
    public async Task DisposeAsync_AnotherProcessCreatedTheInventoryMeanwhile_RefusesAndLeavesItsInventoryAlone()
    {
        await using var fixture = new StoreFixture();
        var store = await SqliteInventoryStore.OpenForImportAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default);
        await store.RecordAsync(Batch("mine", 2), default);
        await (await fixture.OpenAsync()).RecordAsync(Batch("theirs", 1), default);

        var error = await Assert.ThrowsAsync<CertwrightException>(async () => await store.DisposeAsync());

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.Equal($"inventory database '{fixture.DatabasePath}' was created by another process during this import, which was not added to it; run the import again", error.Message);
        Assert.False(System.IO.File.Exists(Staging(fixture)));
        Assert.Equal(["theirs0.test"], SqliteFile.Rows(fixture.DatabasePath, "SELECT common_name FROM certificates"));
    }

    [Fact]
    public async Task OpenForImportAsync_StagingFileOfAProcessThatIsGone_RemovedAndOnesOfLiveProcessesKept()
    {
        await using var fixture = new StoreFixture();
        var gone = $"{fixture.DatabasePath}.loading-{DeadProcessId()}";
        var live = $"{fixture.DatabasePath}.loading-1";
        System.IO.File.WriteAllText(gone, "left by a killed import");
        System.IO.File.WriteAllText(gone + "-wal", "its WAL");
        System.IO.File.WriteAllText(live, "init never imports, but it is alive");

        await using var store = await SqliteInventoryStore.OpenForImportAsync(fixture.DatabasePath, fixture.Options, fixture.Time, default);

        Assert.False(System.IO.File.Exists(gone));
        Assert.False(System.IO.File.Exists(gone + "-wal"));
        Assert.True(System.IO.File.Exists(live));
    }

    private const byte RollbackJournalFormat = 1;
    private const byte WalFormat = 2;

    /// <summary>The file format write version in the database header (offset 18): 1 rollback journal, 2 WAL.</summary>
    private static byte FileFormatVersion(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[19];
        file.ReadExactly(header);
        return header[18];
    }

    private static string Staging(StoreFixture fixture) => $"{fixture.DatabasePath}.loading-{Environment.ProcessId}";

    private static (long, long, long) Counts(InventoryStatistics statistics) => (statistics.Certificates, statistics.Locations, statistics.Sightings);

    private static int DeadProcessId()
    {
        var pid = 4_000_000;
        while (Directory.Exists($"/proc/{pid}"))
        {
            pid++;
        }

        return pid;
    }

    private static List<CertificateObservation> Batch(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Seen(Fake($"{prefix}{i}.test", Epoch.AddDays(i)), File($"/{prefix}/{i}.pem"), Epoch))];
}
