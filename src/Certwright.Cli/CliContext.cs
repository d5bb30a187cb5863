using System.CommandLine;
using Certwright.Inventory;
using Certwright.Monitoring;
using Certwright.Monitoring.Configuration;
using Certwright.Storage;

namespace Certwright.Cli;

/// <summary>
/// What a command needs from the global options, built on demand: a command that does not touch the
/// inventory never opens it (start-up cost matters to scripts that run the CLI thousands of times).
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly ParseResult _parseResult;
    private IInventoryStore? _store;
    private IMonitorStore? _monitorStore;
    private Renewal.IManagedCertificateStore? _managedStore;

    public CliContext(ParseResult parseResult)
    {
        _parseResult = parseResult;
    }

    public TimeProvider TimeProvider { get; } = TimeProvider.System;

    public TextWriter Out => Console.Out;

    public async Task<IInventoryStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        if (_store is not null)
        {
            return _store;
        }

        RefuseDatabaseOption();
        _store = await InventoryStore.OpenAsync(StorageOptions(), TimeProvider, cancellationToken);
        return _store;
    }

    /// <summary>The inventory for one import, not shared with other commands: the caller disposes it before reporting.</summary>
    public async Task<IInventoryStore> OpenImportStoreAsync(CancellationToken cancellationToken)
    {
        RefuseDatabaseOption();
        return await InventoryStore.OpenForImportAsync(StorageOptions(), TimeProvider, cancellationToken);
    }

    /// <summary>The monitoring tables (targets, check history) of the same database.</summary>
    public async Task<IMonitorStore> OpenMonitorStoreAsync(CancellationToken cancellationToken)
    {
        if (_monitorStore is not null)
        {
            return _monitorStore;
        }

        RefuseDatabaseOption();
        _monitorStore = await MonitorStore.OpenAsync(StorageOptions(), TimeProvider, cancellationToken);
        return _monitorStore;
    }

    /// <summary>The managed certificates and their renewal state (same database).</summary>
    public async Task<Renewal.IManagedCertificateStore> OpenManagedStoreAsync(CancellationToken cancellationToken)
    {
        if (_managedStore is not null)
        {
            return _managedStore;
        }

        RefuseDatabaseOption();
        _managedStore = await ManagedCertificateStore.OpenAsync(StorageOptions(), TimeProvider, cancellationToken);
        return _managedStore;
    }

    /// <summary>The data directory (<c>--data</c>, else the environment's default).</summary>
    public string DataDirectoryPath => DataDirectory.Resolve(_parseResult.GetValue(CliOptions.Data));

    /// <summary>The monitor configuration: <paramref name="configPath"/> (<c>--config</c>), else certwright.yaml in the data directory if present.</summary>
    public Task<MonitorConfiguration> LoadConfigurationAsync(string? configPath, CancellationToken cancellationToken) =>
        MonitorConfigurationLoader.LoadAsync(configPath, DataDirectory.Resolve(_parseResult.GetValue(CliOptions.Data)), cancellationToken);

    private StorageOptions StorageOptions() => new() { DataDirectory = _parseResult.GetValue(CliOptions.Data) };

    private void RefuseDatabaseOption()
    {
        var database = _parseResult.GetValue(CliOptions.Database) ?? Environment.GetEnvironmentVariable("CERTWRIGHT_DATABASE");
        if (!string.IsNullOrWhiteSpace(database))
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                "--database (PostgreSQL) is not available in this version; omit it to use the embedded SQLite inventory in --data");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_managedStore is not null)
        {
            await _managedStore.DisposeAsync();
        }

        if (_monitorStore is not null)
        {
            await _monitorStore.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
