using System.Globalization;
using Certwright.Internal;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// An import into an inventory that does not exist yet. The database is built under a staging name beside the target,
/// its first transaction with SQLite's rollback journal in memory, then the file gets the target's name in one link
/// when the store is disposed. In WAL mode every page of a bulk load is written twice, to the WAL and again by the
/// checkpoint, and the WAL (as large as the database) is deleted at close: a fifth of a 100,000-file first import's
/// wall time (bench/StoreBench/README.md). A memory journal costs nothing here: SQLite journals only pages that existed
/// when the transaction began, and a new file has only its schema. The first commit switches the file to WAL, before a
/// later transaction of a long import would journal the pages it changes in memory.
/// </summary>
/// <remarks>
/// The staging connection runs with <c>synchronous = OFF</c>: until <see cref="Complete"/> fsyncs it, nothing of the
/// staging file has to survive a crash. Rollbacks behave as in WAL mode. Other processes never see the staging file, and the target appears complete or
/// not at all; a process killed during a first import leaves its staging file (nothing of it is kept, where WAL mode
/// would keep what was committed), which the next fresh load in the directory removes.
/// </remarks>
internal sealed class SqliteFreshLoad
{
    private const string StagingMarker = ".loading-";

    private SqliteFreshLoad(string targetPath, string stagingPath)
    {
        TargetPath = targetPath;
        StagingPath = stagingPath;
    }

    /// <summary>The inventory file this load creates.</summary>
    public string TargetPath { get; }

    /// <summary>Where the database is built.</summary>
    public string StagingPath { get; }

    /// <summary>True until a commit switches the staging file to WAL.</summary>
    public bool WalPending { get; private set; } = true;

    /// <summary>A fresh load when <paramref name="targetPath"/> does not exist; otherwise null (record into it as usual).</summary>
    public static SqliteFreshLoad? TryBegin(string targetPath)
    {
        if (File.Exists(targetPath))
        {
            return null;
        }

        RemoveAbandoned(targetPath);
        var staging = $"{targetPath}{StagingMarker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        DeleteDatabaseFiles(staging);
        return new SqliteFreshLoad(targetPath, staging);
    }

    public void SwitchedToWal() => WalPending = false;

    /// <summary>After the store closed its connection: fsyncs the staging file and links it in place.</summary>
    /// <exception cref="CertwrightException">Another process created the inventory meanwhile, or the move failed;
    /// the staging file is removed.</exception>
    public void Complete()
    {
        try
        {
            using (var file = new FileStream(StagingPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            // A WAL or journal left by a database deleted by hand would be replayed onto this one; SQLite drops such files
            // only when the database it opens is empty.
            if (!File.Exists(TargetPath))
            {
                DeleteSideFiles(TargetPath);
            }

            AtomicFile.Install(StagingPath, TargetPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abandon();
            throw new CertwrightException(
                ErrorKind.State,
                File.Exists(TargetPath)
                    ? $"inventory database '{TargetPath}' was created by another process during this import, which was not added to it; run the import again"
                    : $"cannot move the new inventory database into place as '{TargetPath}' ({e.Message}); check the data directory",
                e);
        }
    }

    /// <summary>Removes the staging file (the store failed to close it cleanly, or it could not be installed).</summary>
    public void Abandon() => DeleteDatabaseFiles(StagingPath);

    /// <summary>Staging files of processes that no longer run (killed during a first import).</summary>
    private static void RemoveAbandoned(string targetPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(targetPath))!;
        var prefix = Path.GetFileName(targetPath) + StagingMarker;
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(path).AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"))
            {
                DeleteDatabaseFiles(path);
            }
        }
    }

    private static void DeleteDatabaseFiles(string path)
    {
        File.Delete(path);
        DeleteSideFiles(path);
    }

    private static void DeleteSideFiles(string path)
    {
        foreach (var file in (string[])[path + "-wal", path + "-shm", path + "-journal"])
        {
            File.Delete(file);
        }
    }
}
