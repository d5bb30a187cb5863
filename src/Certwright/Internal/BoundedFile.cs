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
        if (Directory.Exists(path))
        {
            throw new CertwrightException(ErrorKind.Usage, $"{what} '{path}' is a directory; give a file");
        }

        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > maxBytes)
                {
                    throw new CertwrightException(ErrorKind.Usage, $"{what} '{path}' is larger than {maxBytes} bytes; that is not a {what}");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (FileNotFoundException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{what} '{path}' does not exist; check the path", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot read {what} '{path}': {Reason(e)}; check the path and its permissions", e);
        }
    }

    /// <summary>An exception's message without its final period, to embed in a sentence.</summary>
    public static string Reason(Exception e) => e.Message.TrimEnd().TrimEnd('.');
}
