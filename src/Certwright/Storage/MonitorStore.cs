using Certwright.Monitoring;
using Certwright.Storage.Sqlite;

namespace Certwright.Storage;

/// <summary>Opens the monitoring store (targets, check history) in the same database as the inventory.</summary>
public static class MonitorStore
{
    /// <summary>Opens (creating and migrating when needed) the monitoring tables in the data directory's database.</summary>
    /// <exception cref="CertwrightException">As <see cref="InventoryStore.OpenAsync"/>.</exception>
    public static Task<IMonitorStore> OpenAsync(StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        cancellationToken.ThrowIfCancellationRequested();
        options.Validate();
        var directory = DataDirectory.EnsureExists(DataDirectory.Resolve(options.DataDirectory));
        return Task.FromResult<IMonitorStore>(SqliteMonitorStore.Open(DataDirectory.DatabasePath(directory), options, timeProvider));
    }
}
