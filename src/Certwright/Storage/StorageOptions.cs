namespace Certwright.Storage;

/// <summary>Where and how the inventory is stored.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// Directory holding <see cref="StorageConstants.DatabaseFileName"/> (<c>--data</c>).
    /// <value>Default: null, resolved by <see cref="DataDirectory.Resolve(string?)"/>: <c>CERTWRIGHT_DATA</c>,
    /// else <c>$XDG_DATA_HOME/certwright</c>, else <c>~/.local/share/certwright</c>.</value>
    /// </summary>
    /// <remarks>The directory is created with mode 0700 when missing; an existing one is used as it is.</remarks>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// How long an operation waits for another process's write transaction before failing.
    /// <value>Default: 10 s (<see cref="StorageConstants.DefaultBusyTimeout"/>). Range: 0 to 10 minutes.</value>
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = StorageConstants.DefaultBusyTimeout;

    /// <summary>
    /// Page cache of each database connection, in MiB; memory is taken only as pages are read.
    /// <value>Default: 64 (<see cref="StorageConstants.DefaultCacheSizeMiB"/>). Range: 1 to 4096.</value>
    /// </summary>
    public int CacheSizeMiB { get; set; } = StorageConstants.DefaultCacheSizeMiB;

    /// <summary>Throws <see cref="CertwrightException"/> (<see cref="ErrorKind.Usage"/>) naming every value out of range.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"storage busy timeout {BusyTimeout} must be between 0 and 10 minutes");
        }

        if (CacheSizeMiB is < 1 or > 4096)
        {
            errors.Add($"storage cache size {CacheSizeMiB} MiB must be between 1 and 4096");
        }

        if (errors.Count > 0)
        {
            throw new CertwrightException(ErrorKind.Usage, string.Join("; ", errors));
        }
    }
}
