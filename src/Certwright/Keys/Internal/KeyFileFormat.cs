using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;

namespace Certwright.Keys.Internal;

/// <summary>
/// A key file: a few "Certwright-Key-*: value" lines (RFC 7468 explanatory text, which OpenSSL and
/// PemEncoding skip), then one ENCRYPTED PRIVATE KEY PEM block, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC.
/// </summary>
internal static class KeyFileFormat
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3 s per open here, paid once per process.</summary>
    public const int Iterations = 600_000;

    private const string PemLabel = "ENCRYPTED PRIVATE KEY";
    private const string IdField = "Certwright-Key-Id";
    private const string LabelField = "Certwright-Key-Label";
    private const string TypeField = "Certwright-Key-Type";
    private const string CreatedField = "Certwright-Key-Created";

    private static readonly PbeParameters Pbe = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Iterations);

    public static string Write(KeyFileHeader header, ISoftwareSigningKey key, KeyPassphrase passphrase)
    {
        var pkcs8 = key.ExportPkcs8();
        byte[] encrypted;
        try
        {
            encrypted = Pkcs8PrivateKeyInfo.Decode(pkcs8, out _, skipCopy: true).Encrypt(passphrase.Value, Pbe);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        var text = new StringBuilder();
        text.Append(IdField).Append(": ").Append(header.Id).Append('\n');
        text.Append(LabelField).Append(": ").Append(header.Label).Append('\n');
        text.Append(TypeField).Append(": ").Append(KeyTypes.Format(header.Type)).Append('\n');
        text.Append(CreatedField).Append(": ").Append(header.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append('\n');
        text.Append(PemEncoding.Write(PemLabel, encrypted)).Append('\n');
        return text.ToString();
    }

    /// <exception cref="CertwrightException">Usage: the header is missing or malformed.</exception>
    public static KeyFileHeader ReadHeader(string text, string path)
    {
        string? id = null, label = null, type = null, created = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case IdField: id = value; break;
                case LabelField: label = value; break;
                case TypeField: type = value; break;
                case CreatedField: created = value; break;
            }
        }

        if (!KeyIds.IsValid(id) || string.IsNullOrEmpty(label) || !KeyTypes.TryParse(type, out var keyType)
            || !DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            throw Corrupt(path, "its Certwright-Key header lines are missing or malformed");
        }

        return new KeyFileHeader(id!, label!, keyType, createdAt.ToUniversalTime());
    }

    /// <exception cref="CertwrightException">Usage: wrong passphrase, corrupt file, or a key that does not match its header.</exception>
    public static ISoftwareSigningKey Read(string text, string path, KeyPassphrase passphrase)
    {
        var header = ReadHeader(text, path);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] is not PemLabel)
        {
            throw Corrupt(path, $"it has no {PemLabel} PEM block");
        }

        byte[] encrypted;
        try
        {
            encrypted = Convert.FromBase64String(text[fields.Base64Data]);
        }
        catch (FormatException e)
        {
            throw Corrupt(path, "its PEM block is not valid base64", e);
        }

        byte[] pkcs8;
        try
        {
            PbeLimits.Check(encrypted, path);
            pkcs8 = Pbes2Decryptor.TryDecrypt(passphrase.Value, encrypted)
                ?? Pkcs8PrivateKeyInfo.DecryptAndDecode(passphrase.Value, encrypted, out _).Encode();
        }
        catch (CryptographicException e)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"cannot decrypt key file '{path}': wrong passphrase or a corrupt file; check --key-passphrase-file or {KeyPassphrase.EnvironmentVariable}",
                e);
        }

        try
        {
            var key = SoftwareKeys.FromPkcs8(header.Id, pkcs8, $"file '{path}'");
            if (key.Type != header.Type)
            {
                key.Dispose();
                throw Corrupt(path, $"its header says {KeyTypes.Format(header.Type)} but the key is {KeyTypes.Format(key.Type)}");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static CertwrightException Corrupt(string path, string why, Exception? inner = null) =>
        new(ErrorKind.Usage, $"key file '{path}' is corrupt: {why}; restore it from a backup", inner);
}
