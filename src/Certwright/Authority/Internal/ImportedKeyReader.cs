using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using Certwright.Keys.Internal;

namespace Certwright.Authority.Internal;

/// <summary>
/// Reads the private key of an imported CA from PEM: PKCS#8 (<c>PRIVATE KEY</c>), encrypted PKCS#8
/// (<c>ENCRYPTED PRIVATE KEY</c>, with a password) or traditional OpenSSL PEM (<c>EC PRIVATE KEY</c>,
/// <c>RSA PRIVATE KEY</c>), and returns it as an unencrypted PKCS#8 PrivateKeyInfo the caller clears.
/// </summary>
internal static class ImportedKeyReader
{
    private static readonly string[] KeyLabels = ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"];

    /// <param name="pem">The key file's bytes.</param>
    /// <param name="source">Names the file in messages.</param>
    /// <param name="password">The password of an encrypted key.</param>
    /// <param name="hasPassword">Whether a password was given (an empty span is not "none").</param>
    /// <exception cref="CertwrightException">Usage: no key in the file, a legacy-encrypted PEM, no or a wrong password, a corrupt key.</exception>
    public static byte[] ReadPkcs8(ReadOnlySpan<byte> pem, string source, ReadOnlySpan<char> password, bool hasPassword)
    {
        var text = Encoding.ASCII.GetString(pem);
        if (text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            // OpenSSL's pre-PKCS#8 encryption (DEK-Info, MD5 key derivation): convert rather than support a weak format.
            throw new CertwrightException(ErrorKind.Usage, $"key {source} uses OpenSSL's legacy PEM encryption; convert it with 'openssl pkcs8 -topk8 -in KEY -out KEY.p8' and import KEY.p8");
        }

        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (KeyLabels.Contains(label))
            {
                var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                try
                {
                    return ToPkcs8(label, der, source, password, hasPassword);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(der);
                }
            }

            rest = rest[fields.Location.End..];
        }

        throw new CertwrightException(ErrorKind.Usage, $"key {source} holds no private key PEM block (PRIVATE KEY, ENCRYPTED PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY); give the CA's key in PEM");
    }

    private static byte[] ToPkcs8(string label, byte[] der, string source, ReadOnlySpan<char> password, bool hasPassword)
    {
        try
        {
            switch (label)
            {
                case "PRIVATE KEY":
                    return (byte[])der.Clone();
                case "ENCRYPTED PRIVATE KEY":
                    if (!hasPassword)
                    {
                        throw new CertwrightException(ErrorKind.Usage, $"key {source} is encrypted; give its password with --key-password-file FILE");
                    }

                    PbeLimits.Check(der, source);
                    try
                    {
                        return Pkcs8PrivateKeyInfo.DecryptAndDecode(password, der, out _).Encode();
                    }
                    catch (CryptographicException e)
                    {
                        throw new CertwrightException(ErrorKind.Usage, $"cannot decrypt key {source}: wrong password in --key-password-file (or a corrupt key)", e);
                    }

                case "EC PRIVATE KEY":
                    using (var ec = ECDsa.Create())
                    {
                        ec.ImportECPrivateKey(der, out _);
                        return ec.ExportPkcs8PrivateKey();
                    }

                default:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportRSAPrivateKey(der, out _);
                        return rsa.ExportPkcs8PrivateKey();
                    }
            }
        }
        catch (CryptographicException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"key {source} is not a valid {label} ({e.Message.TrimEnd('.')}); check the file", e);
        }
    }
}
