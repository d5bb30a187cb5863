using Certwright.Acme.Server;
using Certwright.Storage.Sqlite;

namespace Certwright.Storage;

/// <summary>Opens the ACME server's accounts and orders in the data directory's database (beside the CA ledger).</summary>
public static class AcmeStore
{
    /// <exception cref="CertwrightException">As <see cref="InventoryStore.OpenAsync"/>.</exception>
    public static Task<IAcmeStore> OpenAsync(StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        cancellationToken.ThrowIfCancellationRequested();
        options.Validate();
        var directory = DataDirectory.EnsureExists(DataDirectory.Resolve(options.DataDirectory));
        return Task.FromResult<IAcmeStore>(SqliteAcmeStore.Open(DataDirectory.DatabasePath(directory), options, timeProvider));
    }
}
