using Certwright.Storage;
using Certwright.Storage.Sqlite;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Storage;

/// <summary>A real SQLite inventory in a temp directory, with a fake clock.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    public FakeTimeProvider Time { get; } = new(TestRecords.Epoch);

    public string DataDirectory => _directory.Path;

    public string DatabasePath => Certwright.Storage.DataDirectory.DatabasePath(_directory.Path);

    public SqliteInventoryStore? Store { get; private set; }

    public StorageOptions Options => new() { DataDirectory = _directory.Path, BusyTimeout = TimeSpan.FromSeconds(10), CacheSizeMiB = 8 };

    public async Task<SqliteInventoryStore> OpenAsync()
    {
        var store = await SqliteInventoryStore.OpenAsync(DatabasePath, Options, Time, CancellationToken.None);
        Store ??= store;
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        _directory.Dispose();
    }
}
