using System.CommandLine;
using Certwright.Inventory;
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

        var database = _parseResult.GetValue(CliOptions.Database) ?? Environment.GetEnvironmentVariable("CERTWRIGHT_DATABASE");
        if (!string.IsNullOrWhiteSpace(database))
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                "--database (PostgreSQL) is not available in this version; omit it to use the embedded SQLite inventory in --data");
        }

        var options = new StorageOptions { DataDirectory = _parseResult.GetValue(CliOptions.Data) };
        _store = await InventoryStore.OpenAsync(options, TimeProvider, cancellationToken);
        return _store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
