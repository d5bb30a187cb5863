using System.ComponentModel.DataAnnotations;
using Certwright.Certificates;

namespace Certwright.Discovery;

/// <summary>How <see cref="CertificateDiscovery"/> searches files and directories.</summary>
/// <remarks>
/// Globs are matched against paths relative to each directory given (see <see cref="Include"/>); files
/// named directly are always read, whatever the globs say. Every file is recognised by its content, so
/// the globs only save work or skip noise.
/// </remarks>
public sealed class DiscoveryOptions
{
    /// <summary>Globs of files to read; a file must match one.</summary>
    /// <value>Empty: every file (content decides).</value>
    /// <remarks>
    /// '*' and '?' stay within a path segment, '**' spans segments, and a pattern without '/' matches the file
    /// name at any depth (<c>*.pem</c>), as in .gitignore. Example: <c>["*.pem", "*.crt", "etc/ssl/**"]</c>.
    /// </remarks>
    public IList<string> Include { get; } = [];

    /// <summary>Globs of files and directories to skip; an excluded directory is not descended into.</summary>
    /// <value><see cref="DiscoveryConstants.DefaultExclude"/>: <c>**/.git/**</c>, <c>**/.hg/**</c>, <c>**/.svn/**</c>, <c>**/node_modules/**</c>.</value>
    public IList<string> Exclude { get; } = [.. DiscoveryConstants.DefaultExclude];

    /// <summary>Files larger than this are not read and are reported as <c>file-too-large</c>.</summary>
    /// <value>10 MiB (<see cref="DiscoveryConstants.DefaultMaxFileSize"/>).</value>
    [Range(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = DiscoveryConstants.DefaultMaxFileSize;

    /// <summary>Whether symbolic links to files and directories are followed.</summary>
    /// <value>true. Loops are safe: each directory is entered once, by its resolved real path.</value>
    public bool FollowSymlinks { get; set; } = true;

    /// <summary>How many directory levels below each given directory are searched.</summary>
    /// <value>64 (<see cref="DiscoveryConstants.DefaultMaxDepth"/>).</value>
    [Range(0, 4096)]
    public int MaxDepth { get; set; } = DiscoveryConstants.DefaultMaxDepth;

    /// <summary>Files read and parsed at once.</summary>
    /// <value><see cref="Environment.ProcessorCount"/>.</value>
    [Range(1, 256)]
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Results parsed ahead of the caller; bounds memory when the caller is slower (e.g. writing a database).</summary>
    /// <value>256.</value>
    [Range(1, 65536)]
    public int ResultBufferSize { get; set; } = 256;

    /// <summary>Passwords for PKCS#12 files and Java keystores.</summary>
    /// <value><see cref="PasswordSource.None"/>: only the empty password and <c>changeit</c>.</value>
    public PasswordSource Passwords { get; set; } = PasswordSource.None;
}
