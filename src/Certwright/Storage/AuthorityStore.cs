using Certwright.Authority;
using Certwright.Storage.Sqlite;

namespace Certwright.Storage;

/// <summary>Opens the CA ledger (CAs, issued certificates, revocations) in the same database as the inventory.</summary>
public static class AuthorityStore
{
    /// <summary>Opens (creating and migrating when needed) the CA ledger in the data directory's database.</summary>
    /// <exception cref="CertwrightException">As <see cref="InventoryStore.OpenAsync"/>.</exception>
    public static Task<IAuthorityStore> OpenAsync(StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        cancellationToken.ThrowIfCancellationRequested();
        options.Validate();
        var directory = DataDirectory.EnsureExists(DataDirectory.Resolve(options.DataDirectory));
        return Task.FromResult<IAuthorityStore>(SqliteAuthorityStore.Open(DataDirectory.DatabasePath(directory), options, timeProvider));
    }
}
