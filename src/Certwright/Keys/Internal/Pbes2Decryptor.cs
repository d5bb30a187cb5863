using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace Certwright.Keys.Internal;

/// <summary>
/// Decrypts the PBES2 form Certwright writes (PBKDF2 with HMAC-SHA256, AES-256-CBC) with one native PBKDF2 call.
/// .NET's <c>Pkcs8PrivateKeyInfo.DecryptAndDecode</c> runs PBKDF2 as a managed loop with an interop call per HMAC
/// block (2.5-5x slower at 600,000 iterations), and every command that signs opens its CA key first.
/// </summary>
internal static class Pbes2Decryptor
{
    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";
    private const string HmacSha256 = "1.2.840.113549.2.9";
    private const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

    /// <summary>The PrivateKeyInfo DER (caller zeroes it), or null when the parameters are not that form (use the general path).</summary>
    /// <exception cref="CryptographicException">Wrong passphrase (bad padding) or malformed data.</exception>
    public static byte[]? TryDecrypt(ReadOnlySpan<char> passphrase, byte[] encryptedPrivateKeyInfo)
    {
        byte[] salt;
        int iterations;
        byte[] iv;
        byte[] ciphertext;
        try
        {
            var info = new AsnReader(encryptedPrivateKeyInfo, AsnEncodingRules.DER).ReadSequence();
            var algorithm = info.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != Pbes2)
            {
                return null;
            }

            var parameters = algorithm.ReadSequence();
            var kdf = parameters.ReadSequence();
            if (kdf.ReadObjectIdentifier() != Pbkdf2)
            {
                return null;
            }

            var pbkdf2 = kdf.ReadSequence();
            salt = pbkdf2.ReadOctetString();
            if (!pbkdf2.TryReadInt32(out iterations) || iterations < 1 || iterations > PbeLimits.MaximumIterations)
            {
                return null;
            }

            if (pbkdf2.HasData && pbkdf2.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                if (!pbkdf2.TryReadInt32(out var keyLength) || keyLength != 32)
                {
                    return null;
                }
            }

            if (!pbkdf2.HasData || pbkdf2.ReadSequence().ReadObjectIdentifier() != HmacSha256)
            {
                return null;
            }

            var scheme = parameters.ReadSequence();
            if (scheme.ReadObjectIdentifier() != Aes256Cbc)
            {
                return null;
            }

            iv = scheme.ReadOctetString();
            ciphertext = info.ReadOctetString();
        }
        catch (AsnContentException)
        {
            return null;
        }

        if (iv.Length != 16)
        {
            return null;
        }

        var password = Encoding.UTF8.GetBytes(passphrase.ToArray());
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            return aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(password);
        }
    }
}
