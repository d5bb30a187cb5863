using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Certwright.Keys.Internal;

/// <summary>
/// Refuses a key file whose PBKDF2 iteration count would keep the process busy for hours: the count is
/// read from the (unauthenticated) file before the expensive derivation runs.
/// </summary>
internal static class PbeLimits
{
    public const int MaximumIterations = 10_000_000;
    private const string Pbes2Oid = "1.2.840.113549.1.5.13";
    private const string Pbkdf2Oid = "1.2.840.113549.1.5.12";

    /// <exception cref="CryptographicException">The structure is malformed (reported as a corrupt file by the caller).</exception>
    /// <exception cref="CertwrightException">Usage: the iteration count is above <see cref="MaximumIterations"/>.</exception>
    public static void Check(byte[] encryptedPrivateKeyInfo, string path)
    {
        BigInteger iterations;
        try
        {
            var info = new AsnReader(encryptedPrivateKeyInfo, AsnEncodingRules.DER).ReadSequence();
            var algorithm = info.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != Pbes2Oid)
            {
                return;
            }

            var kdf = algorithm.ReadSequence().ReadSequence();
            if (kdf.ReadObjectIdentifier() != Pbkdf2Oid)
            {
                return;
            }

            var pbkdf2 = kdf.ReadSequence();
            pbkdf2.ReadOctetString();
            iterations = pbkdf2.ReadInteger();
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("malformed EncryptedPrivateKeyInfo", e);
        }

        if (iterations > MaximumIterations)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"key file '{path}' asks for {iterations} PBKDF2 iterations, more than the {MaximumIterations} Certwright accepts; re-encrypt it with fewer");
        }
    }
}
