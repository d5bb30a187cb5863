using System.Text;
using Certwright.Internal;

namespace Certwright.Keys.Internal;

/// <summary>Reads the user PIN from its file: the first line, bounded, never echoed in errors.</summary>
internal static class Pkcs11Pin
{
    public const int MaximumFileBytes = 1024;

    public static async Task<string> ReadAsync(string pinFile, CancellationToken cancellationToken)
    {
        var bytes = await BoundedFile.ReadAllBytesAsync(pinFile, MaximumFileBytes, "PKCS#11 PIN file", cancellationToken);
        var text = Encoding.UTF8.GetString(bytes);
        Array.Clear(bytes);
        var end = text.IndexOfAny(['\r', '\n']);
        var pin = end < 0 ? text : text[..end];
        if (pin.Length == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"PKCS#11 PIN file '{pinFile}' is empty; put the token's user PIN on its first line");
        }

        return pin;
    }
}
