namespace Certwright.Discovery;

/// <summary>Counters of one discovery run, safe to read while it runs (e.g. for progress).</summary>
public sealed class DiscoveryStatistics
{
    private long _directories;
    private long _filesSeen;
    private long _filesRead;
    private long _bytesRead;
    private long _certificates;

    public long Directories => Interlocked.Read(ref _directories);

    /// <summary>Files found (before globs and size limits).</summary>
    public long FilesSeen => Interlocked.Read(ref _filesSeen);

    /// <summary>Files whose content was read.</summary>
    public long FilesRead => Interlocked.Read(ref _filesRead);

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long Certificates => Interlocked.Read(ref _certificates);

    internal void AddDirectory() => Interlocked.Increment(ref _directories);

    internal void AddFileSeen() => Interlocked.Increment(ref _filesSeen);

    internal void AddFileRead(long bytes)
    {
        Interlocked.Increment(ref _filesRead);
        Interlocked.Add(ref _bytesRead, bytes);
    }

    internal void AddCertificates(int count) => Interlocked.Add(ref _certificates, count);
}
