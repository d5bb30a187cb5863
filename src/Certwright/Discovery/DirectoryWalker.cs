using System.IO.Enumeration;
using System.Threading.Channels;
using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Discovery;

/// <summary>
/// Walks the paths given, depth first, and queues the files to read. Directories are entered once each,
/// by real path, so symbolic link loops end; excluded directories are not entered; files of size 0
/// are never opened (FIFOs, sockets and devices report 0, and opening a FIFO would block).
/// </summary>
internal sealed class DirectoryWalker(DiscoveryOptions options, PathFilter filter, DiscoveryStatistics statistics)
{
    private static readonly EnumerationOptions EnumerationSettings = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    public async Task WalkAsync(IEnumerable<string> paths, ChannelWriter<FileWork> files, ChannelWriter<ContainerReadResult> results, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                await WalkDirectoryAsync(full, files, results, cancellationToken);
            }
            else if (File.Exists(full))
            {
                statistics.AddFileSeen();
                if (TargetLength(full) == 0)
                {
                    // Never opened: a FIFO (or device) also reports 0, and opening a FIFO blocks.
                    await results.WriteAsync(Problem(full, FindingCodes.UnsupportedFormat, "the file is empty"), cancellationToken);
                }
                else
                {
                    await files.WriteAsync(new FileWork(full, Explicit: true), cancellationToken);
                }
            }
            else
            {
                await results.WriteAsync(Problem(full, FindingCodes.UnreadableFile, "no such file or directory (or a broken symbolic link)"), cancellationToken);
            }
        }
    }

    private async Task WalkDirectoryAsync(string root, ChannelWriter<FileWork> files, ChannelWriter<ContainerReadResult> results, CancellationToken cancellationToken)
    {
        var rootReal = RealPath.Resolve(root);
        if (rootReal is null)
        {
            await results.WriteAsync(Problem(root, FindingCodes.UnreadableFile, "cannot resolve the directory's real path (a symbolic link loop or an unreadable parent)"), cancellationToken);
            return;
        }

        if (!_visited.Add(rootReal))
        {
            // Named twice, or inside a directory named before: already searched.
            return;
        }

        var pending = new Stack<(string Path, string Real, string Relative, int Depth)>();
        pending.Push((root, rootReal, "", 0));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, real, relative, depth) = pending.Pop();
            statistics.AddDirectory();
            List<Entry> entries;
            try
            {
                entries = [.. new FileSystemEnumerable<Entry>(directory, Entry.From, EnumerationSettings)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await results.WriteAsync(Problem(directory, FindingCodes.UnreadableFile, $"cannot list the directory: {e.Message}"), cancellationToken);
                continue;
            }

            foreach (var entry in entries)
            {
                var entryPath = Path.Join(directory, entry.Name);
                var entryRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (entry.IsLink)
                {
                    if (!options.FollowSymlinks)
                    {
                        continue;
                    }

                    var target = FollowLink(entryPath);
                    if (target is null)
                    {
                        await results.WriteAsync(Problem(entryPath, FindingCodes.UnreadableFile, "broken symbolic link", Severity.Info), cancellationToken);
                    }
                    else if (target is DirectoryInfo)
                    {
                        var targetReal = RealPath.Resolve(entryPath);
                        if (targetReal is null)
                        {
                            await results.WriteAsync(Problem(entryPath, FindingCodes.UnreadableFile, "cannot resolve where this symbolic link leads", Severity.Info), cancellationToken);
                        }
                        else if (!_visited.Contains(targetReal))
                        {
                            await EnterAsync(pending, entryPath, targetReal, entryRelative, depth + 1, results, cancellationToken);
                        }
                    }
                    else if (filter.IncludesFile(entryRelative))
                    {
                        statistics.AddFileSeen();
                        await OfferAsync(entryPath, ((FileInfo)target).Length, files, results, cancellationToken);
                    }
                }
                else if (entry.IsDirectory)
                {
                    var entryReal = real + "/" + entry.Name;
                    if (!_visited.Contains(entryReal))
                    {
                        await EnterAsync(pending, entryPath, entryReal, entryRelative, depth + 1, results, cancellationToken);
                    }
                }
                else
                {
                    statistics.AddFileSeen();
                    if (filter.IncludesFile(entryRelative))
                    {
                        await OfferAsync(entryPath, entry.Length, files, results, cancellationToken);
                    }
                }
            }
        }
    }

    private async Task EnterAsync(
        Stack<(string, string, string, int)> pending,
        string path,
        string real,
        string relative,
        int depth,
        ChannelWriter<ContainerReadResult> results,
        CancellationToken cancellationToken)
    {
        if (filter.ExcludesDirectory(relative))
        {
            return;
        }

        if (depth > options.MaxDepth)
        {
            await results.WriteAsync(Problem(path, FindingCodes.UnreadableFile, $"not searched: deeper than {options.MaxDepth} directory levels", Severity.Info), cancellationToken);
            return;
        }

        _visited.Add(real);
        pending.Push((path, real, relative, depth));
    }

    private static long TargetLength(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info.Length : FollowLink(path) is FileInfo target ? target.Length : 0;
    }

    private static FileSystemInfo? FollowLink(string path)
    {
        try
        {
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true);
            if (target is null)
            {
                return null;
            }

            // ResolveLinkTarget answers with a FileInfo even for a directory: ask the file system what it is.
            if (Directory.Exists(target.FullName))
            {
                return new DirectoryInfo(target.FullName);
            }

            return File.Exists(target.FullName) ? new FileInfo(target.FullName) : null;
        }
        catch (IOException)
        {
            // ELOOP: a link that points at itself, directly or through others.
            return null;
        }
    }

    private static ContainerReadResult Problem(string path, string code, string message, Severity severity = Severity.Warning) =>
        ContainerReadResult.Failed(path, ContainerFormat.Unknown, CertificateContainerReader.Problem(path, code, message, severity));

    /// <summary>
    /// Queues a walked file for reading. An empty one is never opened (a FIFO also reports 0 and opening it blocks):
    /// with a certificate's name (an empty server.crt left by a failed deploy) it is a problem, else nothing of interest.
    /// </summary>
    private static async Task OfferAsync(string path, long length, ChannelWriter<FileWork> files, ChannelWriter<ContainerReadResult> results, CancellationToken cancellationToken)
    {
        if (length > 0)
        {
            await files.WriteAsync(new FileWork(path, Explicit: false), cancellationToken);
        }
        else if (DiscoveryConstants.CertificateExtensions.Contains(Path.GetExtension(path)))
        {
            await results.WriteAsync(Problem(path, FindingCodes.UnsupportedFormat, "the file is empty"), cancellationToken);
        }
    }

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, long Length)
    {
        public static Entry From(ref FileSystemEntry entry)
        {
            var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
            return new Entry(entry.FileName.ToString(), entry.IsDirectory, isLink, entry.IsDirectory || isLink ? 0 : entry.Length);
        }
    }
}
