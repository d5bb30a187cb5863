namespace Certwright.Storage;

/// <summary>Defaults of <see cref="StorageOptions"/> and fixed names of the embedded store.</summary>
public static class StorageConstants
{
    /// <summary>Environment variable naming the data directory, like <c>--data</c>.</summary>
    public const string DataEnvironmentVariable = "CERTWRIGHT_DATA";

    /// <summary>File name of the embedded database inside the data directory.</summary>
    public const string DatabaseFileName = "certwright.db";

    /// <summary>Folder created under the XDG data home when no data directory is given.</summary>
    public const string ApplicationFolderName = "certwright";

    /// <summary>How long a write waits for another process's transaction before it fails: 10 s.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Page cache per connection: 64 MiB, so bulk imports keep index pages in memory.</summary>
    public const int DefaultCacheSizeMiB = 64;

    /// <summary>
    /// Observations per <c>RecordAsync</c> call (one transaction each) that callers recording many should aim for;
    /// bulk importers do better with a recording session (<c>IInventoryStore.BeginRecordingAsync</c>).
    /// </summary>
    public const int RecommendedBatchSize = 5000;
}
