using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Renewal.Deploy;

/// <summary>
/// Encodes a bundle as PKCS#12 the way OpenSSL 3 does by default: key and certificates encrypted with PBES2
/// (PBKDF2-HMAC-SHA256, AES-256-CBC), an HMAC-SHA256 MAC, the key and leaf paired by <c>localKeyId</c> and named by
/// <c>friendlyName</c> (Java's keytool needs both to show one PrivateKeyEntry under that alias).
/// </summary>
internal static class Pkcs12Encoder
{
    private static readonly Oid FriendlyNameOid = new("1.2.840.113549.1.9.20");

    public static byte[] Encode(CertificateBundle bundle, ReadOnlySpan<char> password, string friendlyName, int iterations)
    {
        ArgumentNullException.ThrowIfNull(bundle.PrivateKeyPkcs8);
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, iterations);

        // The key stays PKCS#8 throughout (any algorithm: RSA, EC, Ed25519, ML-DSA), encrypted without being imported.
        var keyInfo = Pkcs8PrivateKeyInfo.Decode(bundle.PrivateKeyPkcs8, out _, skipCopy: true);
        var encryptedKey = keyInfo.Encrypt(password, pbe);
        using var leaf = X509CertificateLoader.LoadCertificate(bundle.Leaf);
        var localKeyId = new Pkcs9LocalKeyId(leaf.GetCertHash(HashAlgorithmName.SHA1));
        var name = FriendlyName(friendlyName);

        var keys = new Pkcs12SafeContents();
        var keyBag = new Pkcs12ShroudedKeyBag(encryptedKey, skipCopy: true);
        keyBag.Attributes.Add(localKeyId);
        keyBag.Attributes.Add(name);
        keys.AddSafeBag(keyBag);

        var certificates = new Pkcs12SafeContents();
        var leafBag = certificates.AddCertificate(leaf);
        leafBag.Attributes.Add(localKeyId);
        leafBag.Attributes.Add(name);
        foreach (var der in bundle.Chain)
        {
            using var issuer = X509CertificateLoader.LoadCertificate(der);
            certificates.AddCertificate(issuer);
        }

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsEncrypted(certificates, password, pbe);
        builder.AddSafeContentsUnencrypted(keys);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, iterations);
        try
        {
            return builder.Encode();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encryptedKey);
        }
    }

    private static Pkcs9AttributeObject FriendlyName(string name)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.BMPString, name);
        return new Pkcs9AttributeObject(FriendlyNameOid, writer.Encode());
    }
}
