using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// While a recording session writes, asks Linux every few tens of milliseconds to start writing the dirty pages of
/// the WAL and the database file to disk (<c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>, as PostgreSQL's
/// <c>*_flush_after</c> settings do). Linux otherwise holds them until the checkpoint's fsyncs, which then wait
/// for hundreds of megabytes at the end of an import. A hint only: it never waits, and what is durable when
/// stays SQLite's business. Does nothing on other systems.
/// </summary>
internal sealed partial class SqliteWriteback : IDisposable
{
    private const uint SyncFileRangeWrite = 2;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread? _thread;

    private SqliteWriteback(string databasePath)
    {
        _thread = new Thread(() => Run(databasePath)) { IsBackground = true, Name = "certwright-writeback" };
        _thread.Start();
    }

    /// <summary>Starts hinting for the database at <paramref name="databasePath"/> (and its WAL); null where there is nothing to do.</summary>
    public static SqliteWriteback? Start(string databasePath) => OperatingSystem.IsLinux() ? new SqliteWriteback(databasePath) : null;

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        _stop.Dispose();
    }

    [LibraryImport("libc")]
    private static partial int sync_file_range(SafeFileHandle fd, long offset, long nbytes, uint flags);

    private void Run(string databasePath)
    {
        using var database = OpenForHints(databasePath);
        using var wal = OpenForHints(databasePath + "-wal");
        while (!_stop.Wait(Interval))
        {
            // Failures (a file system without the call, a file gone) only mean no hint: nothing to report.
            _ = wal is null ? 0 : sync_file_range(wal, 0, 0, SyncFileRangeWrite);
            _ = database is null ? 0 : sync_file_range(database, 0, 0, SyncFileRangeWrite);
        }
    }

    private static SafeFileHandle? OpenForHints(string path)
    {
        try
        {
            // Read-only, sharing everything: SQLite keeps writing, truncating and deleting the file meanwhile.
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
