using Certwright.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

/// <summary>
/// What each concurrent writer does, in a thread or in a separate process: record certificates every writer
/// shares and certificates only it has, in small batches (odd writers through a recording session), so
/// transactions from different writers interleave.
/// </summary>
internal static class StoreWorkload
{
    public const int Shared = 300;
    public const int Own = 300;
    public const int BatchSize = 50;

    public static async Task RunAsync(string dataDirectory, int writer)
    {
        var options = new Certwright.Storage.StorageOptions { DataDirectory = dataDirectory, CacheSizeMiB = 4 };
        var path = Certwright.Storage.DataDirectory.DatabasePath(dataDirectory);
        await using var store = await SqliteInventoryStore.OpenAsync(path, options, new FakeTimeProvider(Epoch), default);
        var observations = Enumerable.Range(0, Shared)
            .Select(i => Seen(Fake($"shared{i}", Epoch.AddDays(i)), File($"/writer{writer}/shared{i}.pem"), Epoch.AddSeconds(writer)))
            .Concat(Enumerable.Range(0, Own).Select(i => Seen(Fake($"writer{writer}-own{i}", Epoch.AddDays(i)), File($"/writer{writer}/own{i}.pem"), Epoch)))
            .ToList();
        if (writer % 2 == 0)
        {
            foreach (var batch in observations.Chunk(BatchSize))
            {
                await store.RecordAsync(batch, default);
            }
        }
        else
        {
            // A recording session commits every few batches, holding the write lock in between.
            store.RecordingCommitInterval = 3 * BatchSize;
            await using var recorder = await store.BeginRecordingAsync(default);
            foreach (var batch in observations.Chunk(BatchSize))
            {
                await recorder.RecordAsync(batch, default);
            }

            await recorder.CommitAsync(default);
        }

        var endpoint = Endpoint("127.0.0.1:443", ns: "shared");
        await store.RecordEndpointChainAsync(endpoint, [Seen(Fake($"endpoint-leaf{writer}", Epoch.AddDays(9)), endpoint, Epoch.AddMinutes(writer))], default);
    }
}
