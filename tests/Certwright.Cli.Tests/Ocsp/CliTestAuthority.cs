using System.Security.Cryptography;
using Certwright.Authority;
using Certwright.Keys;
using Certwright.Storage;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Certwright.Cli.Tests.Ocsp;

/// <summary>
/// A CA put into a data directory through the core API (what <c>ca init</c> and <c>issue</c> will do): issuing key in
/// DATA/keys encrypted with a passphrase, root and issuing certificates, one leaf in the ledger. PEM files for openssl.
/// </summary>
internal sealed record CliTestAuthority(string Name, X509Certificate Root, X509Certificate Issuing, X509Certificate Leaf)
{
    private static readonly DateTime NotBefore = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NotAfter = new(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<CliTestAuthority> CreateAsync(string dataDirectory, string passphrase, string name)
    {
        using var secret = KeyPassphrase.FromString(passphrase);
        var keys = new EncryptedFileKeyStore(Path.Combine(dataDirectory, EncryptedFileKeyStore.DefaultFolderName), secret, TimeProvider.System);
        using var issuingKey = await keys.GenerateAsync(KeyType.EcP256, name, CancellationToken.None);
        using var rootKey = await keys.GenerateAsync(KeyType.EcP256, name + "-root", CancellationToken.None);
        var root = Certificate(rootKey, rootKey, $"CN={name} Root", $"CN={name} Root", true, BigInteger.One);
        var issuing = Certificate(rootKey, issuingKey, $"CN={name} Root", $"CN={name} Issuing", true, BigInteger.Two);
        using var leafKey = await keys.GenerateAsync(KeyType.EcP256, name + "-leaf", CancellationToken.None);
        var leaf = Certificate(issuingKey, leafKey, $"CN={name} Issuing", "CN=leaf.test", false, new BigInteger(1, RandomNumberGenerator.GetBytes(16)));
        await using var store = await AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = dataDirectory }, TimeProvider.System, CancellationToken.None);
        await store.AddAuthorityAsync(
            new AuthorityRecord(name, issuing.GetEncoded(), [root.GetEncoded()], new AuthorityKeyReference(KeyStoreKind.File, issuingKey.Id, KeyType.EcP256), null, DateTimeOffset.UnixEpoch),
            CancellationToken.None);
        await store.RecordIssuedAsync(
            new IssuedCertificate(name, "server", leaf.SerialNumber.ToByteArray(), Convert.ToHexStringLower(SHA256.HashData(leaf.GetEncoded())), "CN=leaf.test",
                new DateTimeOffset(NotBefore), new DateTimeOffset(NotAfter), new DateTimeOffset(NotBefore), leaf.GetEncoded()),
            CancellationToken.None);
        return new CliTestAuthority(name, root, issuing, leaf);
    }

    public static string Pem(X509Certificate certificate) => new string(PemEncoding.Write("CERTIFICATE", certificate.GetEncoded())) + "\n";

    private static X509Certificate Certificate(ISigningKey signer, ISigningKey subjectKey, string issuer, string subject, bool ca, BigInteger serial)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(new X509Name(issuer));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(NotBefore);
        generator.SetNotAfter(NotAfter);
        generator.SetPublicKey(PublicKeyFactory.CreateKey(subjectKey.SubjectPublicKeyInfo));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : KeyUsage.DigitalSignature));
        return generator.Generate(signer.ToSignatureFactory());
    }
}
