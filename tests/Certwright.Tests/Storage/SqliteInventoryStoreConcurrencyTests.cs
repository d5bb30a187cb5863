using Certwright.Inventory;
using Certwright.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

public sealed class SqliteInventoryStoreConcurrencyTests
{
    [Fact]
    public async Task RecordAsync_FourStoresInParallelOnANewFile_AllSucceedWithoutLoss()
    {
        using var temp = new TempDirectory();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(() => StoreWorkload.RunAsync(temp.Path, writer))));

        await AssertWorkloadResultAsync(temp.Path, writers: 4);
    }

    [Fact]
    public async Task RecordAsync_SeparateProcessesAndAThread_AllSucceedWithoutLoss()
    {
        using var temp = new TempDirectory();

        var processes = Enumerable.Range(0, 3).Select(writer => StoreWriterProcess.RunAsync(temp.Path, writer)).ToList();
        await StoreWorkload.RunAsync(temp.Path, writer: 3);
        var results = await Task.WhenAll(processes);

        Assert.All(results, result => Assert.True(result.ExitCode == 0, StoreWriterProcess.Describe(result)));
        await AssertWorkloadResultAsync(temp.Path, writers: 4);
    }

    private static async Task AssertWorkloadResultAsync(string dataDirectory, int writers)
    {
        await using var fixture = new StoreFixture();
        var options = new Certwright.Storage.StorageOptions { DataDirectory = dataDirectory };
        await using var store = await Certwright.Storage.Sqlite.SqliteInventoryStore.OpenAsync(
            Certwright.Storage.DataDirectory.DatabasePath(dataDirectory), options, fixture.Time, default);

        var stats = await store.GetStatisticsAsync(default);
        Assert.Equal(StoreWorkload.Shared + (writers * StoreWorkload.Own) + writers, stats.Certificates);
        Assert.Equal((writers * (StoreWorkload.Shared + StoreWorkload.Own)) + writers, stats.Sightings);
        Assert.Equal(writers, stats.EndpointEvents);
        var shared = await store.FindAsync(Fake("shared7", Epoch).Sha256, default);
        Assert.Equal(writers, shared?.SightingCount);
        var entries = await store.ListAsync(InventoryQuery.All, default).ToListAsync();
        Assert.Equal(stats.Certificates, entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => e.Sha256).Distinct().Count());
        var history = await store.GetEndpointEventsAsync(Endpoint("127.0.0.1:443", ns: "shared"), 10, default);
        Assert.Equal(
            [.. Enumerable.Repeat(EndpointEventKind.CertificateChanged, writers - 1), EndpointEventKind.FirstSeen],
            history.Select(e => e.Kind));
        Assert.Equal("ok", IntegrityCheck(store.DatabasePath));
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check; ";
        var integrity = (string)command.ExecuteScalar()!;
        command.CommandText = "PRAGMA foreign_key_check;";
        using var reader = command.ExecuteReader();
        return reader.Read() ? $"foreign key violation in {reader.GetString(0)}" : integrity;
    }
}
