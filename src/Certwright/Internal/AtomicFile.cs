using System.Runtime.InteropServices;

namespace Certwright.Internal;

/// <summary>
/// Writes a whole file so that readers and crashes see either the old file or the new one, never a part: a temp
/// file beside the target, written and fsynced, renamed over the target, then the directory fsynced so the rename
/// itself survives a power loss. Key files, caches and (later) deployed certificates go through here.
/// </summary>
internal static partial class AtomicFile
{
    /// <param name="path">The target file.</param>
    /// <param name="contents">The whole new contents.</param>
    /// <param name="unixMode">Permissions of the new file on Unix (e.g. 0600 for keys); null for the process default.</param>
    /// <param name="overwrite">Replace an existing target; when false an existing target is an <see cref="IOException"/> and stays untouched.</param>
    /// <param name="cancellationToken">Stops before the rename; the temp file is removed.</param>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> contents, UnixFileMode? unixMode, bool overwrite, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            if (unixMode is { } mode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(contents, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (overwrite)
            {
                File.Move(temp, path, overwrite: true);
            }
            else
            {
                MoveToNewName(temp, path);
            }
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>
    /// Gives the complete, already fsynced file <paramref name="staged"/> the name <paramref name="path"/> when no file has
    /// that name yet (link(2) then unlink, so a file another process put there meanwhile is never replaced), then
    /// fsyncs the directory. An existing target (or a file system without hard links) is an <see cref="IOException"/>
    /// and both files stay as they were.
    /// </summary>
    public static void Install(string staged, string path)
    {
        MoveToNewName(staged, path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Renames <paramref name="source"/> to <paramref name="path"/> only when nothing has that name: File.Move(overwrite: false)
    /// checks for the target, then renames, so a file another process created in between would be replaced.
    /// </summary>
    private static void MoveToNewName(string source, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(source, path, overwrite: false);
        }
        else if (Link(source, path) == 0)
        {
            File.Delete(source);
        }
        else
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot link '{source}' to '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    /// <summary>
    /// Points the symbolic link <paramref name="link"/> at <paramref name="target"/> in one rename, so a reader resolving
    /// the link sees the old target or the new one, never no link; the directory is fsynced after.
    /// </summary>
    public static void ReplaceSymbolicLink(string link, string target)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(link))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(link)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.CreateSymbolicLink(temp, target);

        // rename(2) itself: File.Move checks that the source exists by following the link, and a link may point at
        // what is not there yet (the names in a deploy directory are linked before the version they lead to).
        if (Rename(temp, link) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            DeleteQuietly(temp);
            throw new IOException($"cannot replace link '{link}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        SyncDirectory(directory);
    }

    /// <summary>fsync of the directory, so a rename in it is durable (Linux; elsewhere nothing to do).</summary>
    /// <remarks>.NET will not open a directory as a file, hence open(2)/fsync(2) directly.</remarks>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Best effort by design: the file is already written, fsynced and renamed. A file system that refuses a
        // directory fsync (some network and container mounts) loses only the extra guarantee, not the write.
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd >= 0)
        {
            _ = Fsync(fd);
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string newPath);

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Rename(string from, string to);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind as a dot-file the next write does not collide with (unique name); the original error matters.
        }
    }
}
