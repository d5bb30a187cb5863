using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Certwright.Keys.Internal;

/// <summary>
/// Refuses a key file whose PBKDF2 iteration count would keep the process busy for hours: the count is
/// read from the (unauthenticated) file before the expensive derivation runs.
/// </summary>
internal static class PbeLimits
{
    public const int MaximumIterations = 10_000_000;

    /// <exception cref="CryptographicException">The structure is malformed (reported as a corrupt file by the caller).</exception>
    /// <exception cref="CertwrightException">Usage: the iteration count is above <see cref="MaximumIterations"/>.</exception>
    public static void Check(byte[] encryptedPrivateKeyInfo, string path)
    {
        Pbes2Parameters? parameters;
        try
        {
            parameters = Pbes2Parameters.Read(encryptedPrivateKeyInfo);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("malformed EncryptedPrivateKeyInfo", e);
        }

        if (parameters is not null && parameters.Iterations > MaximumIterations)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"key file '{path}' asks for {parameters.Iterations} PBKDF2 iterations, more than the {MaximumIterations} Certwright accepts; re-encrypt it with fewer");
        }
    }
}
