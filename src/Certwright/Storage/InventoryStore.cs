using Certwright.Inventory;
using Certwright.Storage.Sqlite;

namespace Certwright.Storage;

/// <summary>Opens the inventory store the options select (the embedded SQLite database today).</summary>
public static class InventoryStore
{
    /// <summary>
    /// Opens (creating when needed) the inventory in the data directory, applying schema migrations. Opening a
    /// database that is current costs one header read.
    /// </summary>
    /// <exception cref="CertwrightException">The directory cannot be created, the file is not a Certwright database,
    /// or its schema is newer than this build (<see cref="ErrorKind.State"/>).</exception>
    public static async Task<IInventoryStore> OpenAsync(StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return await SqliteInventoryStore.OpenAsync(DatabasePath(options), options, timeProvider, cancellationToken);
    }

    /// <summary>
    /// Opens the inventory for one bulk import. When it does not exist yet it is built aside and appears, complete, when
    /// the store is disposed: dispose it (which may throw <see cref="CertwrightException"/>) before reporting success.
    /// </summary>
    public static async Task<IInventoryStore> OpenForImportAsync(StorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return await SqliteInventoryStore.OpenForImportAsync(DatabasePath(options), options, timeProvider, cancellationToken);
    }

    /// <summary>The database file of the data directory the options name, the directory created when missing.</summary>
    private static string DatabasePath(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return DataDirectory.DatabasePath(DataDirectory.EnsureExists(DataDirectory.Resolve(options.DataDirectory)));
    }
}
