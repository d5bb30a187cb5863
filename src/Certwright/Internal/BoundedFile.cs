namespace Certwright.Internal;

/// <summary>
/// Reads whole files the user names (CA bundles, password files) with a hard size cap that holds even
/// when the file lies about its size: devices such as /dev/zero and FIFOs report 0 bytes and never end.
/// </summary>
internal static class BoundedFile
{
    /// <exception cref="CertwrightException">Usage: the file is missing, a directory, unreadable or over <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAllBytesAsync(string path, long maxBytes, string what, CancellationToken cancellationToken)
    {
        RefuseDirectory(path, what);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                Append(buffer, chunk, read, maxBytes, path, what);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReadError(path, what, e);
        }
    }

    /// <summary>
    /// As <see cref="ReadAllBytesAsync"/>, blocking: for CPU-bound workers reading many small files (batch issuance), where an
    /// asynchronous read costs more in thread-pool hand-offs than the read itself.
    /// </summary>
    /// <exception cref="CertwrightException">As <see cref="ReadAllBytesAsync"/>.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        RefuseDirectory(path, what);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                Append(buffer, chunk, read, maxBytes, path, what);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReadError(path, what, e);
        }
    }

    private static void RefuseDirectory(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new CertwrightException(ErrorKind.Usage, $"{what} '{path}' is a directory; give a file");
        }
    }

    private static void Append(MemoryStream buffer, byte[] chunk, int read, long maxBytes, string path, string what)
    {
        if (buffer.Length + read > maxBytes)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{what} '{path}' is larger than {maxBytes} bytes; that is not a {what}");
        }

        buffer.Write(chunk, 0, read);
    }

    private static CertwrightException ReadError(string path, string what, Exception e) => e is FileNotFoundException
        ? new CertwrightException(ErrorKind.Usage, $"{what} '{path}' does not exist; check the path", e)
        : new CertwrightException(ErrorKind.Usage, $"cannot read {what} '{path}': {Reason(e)}; check the path and its permissions", e);

    /// <summary>An exception's message without its final period, to embed in a sentence.</summary>
    public static string Reason(Exception e) => e.Message.TrimEnd().TrimEnd('.');
}
