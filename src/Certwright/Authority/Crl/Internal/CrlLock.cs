using System.Diagnostics;

namespace Certwright.Authority.Crl.Internal;

/// <summary>
/// An exclusive lock file per CA (flock on Unix, a sharing lock on Windows) held while a CRL number is allocated and
/// its CRL written: without it two publishers (revoke and serve) could rename their files in the opposite order of
/// their numbers, and the CRL on disk would go back to an older number.
/// </summary>
internal sealed class CrlLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private readonly FileStream _stream;

    private CrlLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <exception cref="CertwrightException">State: another publisher held the lock for the whole <paramref name="timeout"/>.</exception>
    public static async Task<CrlLock> AcquireAsync(string path, string authority, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Real time on purpose: this waits for another process, not for a point in the CA's (testable) clock.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new CrlLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (waited.Elapsed < timeout && IsSharingViolation(e, path))
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (IOException e) when (IsSharingViolation(e, path))
            {
                throw new CertwrightException(ErrorKind.State, $"another process has been publishing the CRL of CA '{authority}' for {timeout.TotalSeconds:0} s (lock '{path}'); try again, or stop the stuck process", e);
            }
        }
    }

    // A locked file raises a plain IOException; a missing directory or a permission problem is a different failure and must surface.
    private static bool IsSharingViolation(IOException e, string path) =>
        e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException) && File.Exists(path);

    public void Dispose() => _stream.Dispose();
}
