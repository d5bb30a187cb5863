using System.Text;
using Certwright.Internal;

namespace Certwright.Keys.Internal;

/// <summary>The key directory on disk: 0700, files 0600, new files written to a temp file, fsynced, then renamed into place.</summary>
internal sealed class KeyFileDirectory(string path)
{
    public const string Extension = ".key";

    /// <summary>An ML-DSA-87 key file is about 7 KB; anything far larger is not a key file.</summary>
    public const long MaximumFileBytes = 64 * 1024;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string PathOf(string id)
    {
        KeyIds.Parse(id);
        return System.IO.Path.Combine(Path, id + Extension);
    }

    public IEnumerable<string> KeyFiles() =>
        Directory.Exists(Path)
            ? Directory.EnumerateFiles(Path, "*" + Extension).Order(StringComparer.Ordinal)
            : [];

    public async Task<string> ReadAsync(string file, CancellationToken cancellationToken)
    {
        var bytes = await BoundedFile.ReadAllBytesAsync(file, MaximumFileBytes, "key file", cancellationToken);
        return Encoding.ASCII.GetString(bytes);
    }

    public async Task WriteNewAsync(string id, string content, CancellationToken cancellationToken)
    {
        EnsureDirectory();
        var target = PathOf(id);
        try
        {
            await AtomicFile.WriteAsync(target, Encoding.ASCII.GetBytes(content), FileMode, overwrite: false, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot write key file '{target}': {BoundedFile.Reason(e)}; check the key directory's permissions and free space", e);
        }
    }

    private void EnsureDirectory()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // Windows has no modes; the directory inherits the ACL of the user's data directory.
                Directory.CreateDirectory(Path);
                return;
            }

            if (!Directory.Exists(Path))
            {
                Directory.CreateDirectory(Path, DirectoryMode);
            }

            // An existing directory readable by others is tightened: key files must not be listed by other users.
            if ((File.GetUnixFileMode(Path) & ~DirectoryMode) != 0)
            {
                File.SetUnixFileMode(Path, DirectoryMode);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot create key directory '{Path}': {BoundedFile.Reason(e)}; check --data and its permissions", e);
        }
    }
}
