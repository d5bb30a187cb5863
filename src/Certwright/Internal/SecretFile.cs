using System.Security.Cryptography;
using System.Text;

namespace Certwright.Internal;

/// <summary>
/// A secret kept in a small file (key passphrase, PKCS#12 password, PKCS#11 PIN, EAB HMAC key): its first line, without
/// a UTF-8 byte order mark or the line ending an editor or <c>echo</c> adds. The bytes read are cleared; the caller
/// clears the characters returned. Errors name the file, never its content.
/// </summary>
internal static class SecretFile
{
    /// <summary>A secret file larger than this is not a secret file (a wrong path, /dev/zero).</summary>
    public const int MaximumBytes = 4096;

    /// <param name="path">The file.</param>
    /// <param name="what">What it holds, for errors ("key passphrase file").</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="CertwrightException">Usage: unreadable, too large, or its first line is empty.</exception>
    public static async Task<char[]> ReadFirstLineAsync(string path, string what, CancellationToken cancellationToken) =>
        FirstLine(await BoundedFile.ReadAllBytesAsync(path, MaximumBytes, what, cancellationToken), path, what);

    /// <summary>The first line as a string, for APIs that take one; the characters read are cleared.</summary>
    public static async Task<string> ReadFirstLineStringAsync(string path, string what, CancellationToken cancellationToken) =>
        ToStringCleared(await ReadFirstLineAsync(path, what, cancellationToken));

    /// <inheritdoc cref="ReadFirstLineStringAsync"/>
    public static string ReadFirstLineString(string path, string what) =>
        ToStringCleared(FirstLine(BoundedFile.ReadAllBytes(path, MaximumBytes, what), path, what));

    private static string ToStringCleared(char[] line)
    {
        try
        {
            return new string(line);
        }
        finally
        {
            Array.Clear(line);
        }
    }

    private static char[] FirstLine(byte[] bytes, string path, string what)
    {
        try
        {
            var text = Encoding.UTF8.GetChars(bytes);
            var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            var end = Array.FindIndex(text, start, c => c is '\n' or '\r');
            var line = text.AsSpan(start, (end < 0 ? text.Length : end) - start).ToArray();
            Array.Clear(text);
            return line.Length > 0
                ? line
                : throw new CertwrightException(ErrorKind.Usage, $"{what} '{path}' is empty; put the secret on its first line");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
