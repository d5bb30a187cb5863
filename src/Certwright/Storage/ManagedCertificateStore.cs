using Certwright.Renewal;
using Certwright.Storage.Sqlite;

namespace Certwright.Storage;

/// <summary>Opens the managed certificates (definitions and renewal state) in the same database as the inventory.</summary>
public static class ManagedCertificateStore
{
    /// <summary>Opens (creating and migrating when needed) the managed-certificate tables in the data directory's database.</summary>
    /// <exception cref="CertwrightException">As <see cref="InventoryStore.OpenAsync"/>.</exception>
    public static Task<IManagedCertificateStore> OpenAsync(StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        cancellationToken.ThrowIfCancellationRequested();
        options.Validate();
        var directory = DataDirectory.EnsureExists(DataDirectory.Resolve(options.DataDirectory));
        return Task.FromResult<IManagedCertificateStore>(SqliteManagedCertificateStore.Open(DataDirectory.DatabasePath(directory), options, timeProvider));
    }
}
