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
    private const string HmacSha256 = "1.2.840.113549.2.9";
    private const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

    /// <summary>The PrivateKeyInfo DER (caller zeroes it), or null when the parameters are not that form (use the general path).</summary>
    /// <exception cref="CryptographicException">Wrong passphrase (bad padding) or malformed data.</exception>
    public static byte[]? TryDecrypt(ReadOnlySpan<char> passphrase, byte[] encryptedPrivateKeyInfo)
    {
        byte[] iv;
        Pbes2Parameters? parameters;
        try
        {
            parameters = Pbes2Parameters.Read(encryptedPrivateKeyInfo);
            if (parameters is null || parameters.Prf != HmacSha256 || parameters.Scheme != Aes256Cbc || parameters.KeyLength is not (null or 32)
                || parameters.Iterations < 1 || parameters.Iterations > PbeLimits.MaximumIterations || parameters.SchemeParameters.IsEmpty)
            {
                return null;
            }

            iv = AsnDecoder.ReadOctetString(parameters.SchemeParameters.Span, AsnEncodingRules.DER, out _);
        }
        catch (AsnContentException)
        {
            return null;
        }

        if (iv.Length != 16)
        {
            return null;
        }

        var salt = parameters.Salt;
        var iterations = (int)parameters.Iterations;
        var ciphertext = parameters.Ciphertext;
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
