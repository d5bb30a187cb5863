using Certwright.Internal;

namespace Certwright.Keys.Internal;

/// <summary>Reads the user PIN from its file: the first line, bounded, never echoed in errors.</summary>
internal static class Pkcs11Pin
{
    public static Task<string> ReadAsync(string pinFile, CancellationToken cancellationToken) =>
        SecretFile.ReadFirstLineStringAsync(pinFile, "PKCS#11 PIN file", cancellationToken);
}
