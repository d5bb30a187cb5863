using System.Globalization;
using System.Security.Cryptography;
using Certwright.Authority;
using Certwright.Keys;
using Certwright.Storage;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

// usage: OcspBench setup DATA PASSPHRASE OUT [LEAVES]
if (args.Length < 4 || args[0] != "setup")
{
    Console.Error.WriteLine("usage: OcspBench setup DATA PASSPHRASE OUT [LEAVES]");
    return 2;
}

var (data, passphrase, output) = (args[1], args[2], args[3]);
var leaves = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1000;
var notBefore = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
var notAfter = new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc);
Directory.CreateDirectory(output);
using var secret = KeyPassphrase.FromString(passphrase);
var keys = new EncryptedFileKeyStore(Path.Combine(data, EncryptedFileKeyStore.DefaultFolderName), secret, TimeProvider.System);
using var rootKey = await keys.GenerateAsync(KeyType.EcP256, "bench-root", CancellationToken.None);
using var issuingKey = await keys.GenerateAsync(KeyType.EcP256, "bench-ca", CancellationToken.None);
using var leafKey = await keys.GenerateAsync(KeyType.EcP256, "bench-leaf", CancellationToken.None);
var root = Make(rootKey, rootKey, "CN=bench Root", "CN=bench Root", true, BigInteger.One);
var issuing = Make(rootKey, issuingKey, "CN=bench Root", "CN=bench Issuing", true, BigInteger.Two);
await using var store = await AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = data }, TimeProvider.System, CancellationToken.None);
await store.AddAuthorityAsync(new AuthorityRecord("bench-ca", issuing.GetEncoded(), [root.GetEncoded()], new AuthorityKeyReference(KeyStoreKind.File, issuingKey.Id, KeyType.EcP256), null, DateTimeOffset.UnixEpoch), CancellationToken.None);
for (var i = 0; i < leaves; i++)
{
    var leaf = Make(issuingKey, leafKey, "CN=bench Issuing", $"CN=leaf{i}.bench", false, new BigInteger(1, RandomNumberGenerator.GetBytes(16)));
    var der = leaf.GetEncoded();
    await store.RecordIssuedAsync(new IssuedCertificate("bench-ca", "server", leaf.SerialNumber.ToByteArray(), Convert.ToHexStringLower(SHA256.HashData(der)), $"CN=leaf{i}.bench", notBefore, notAfter, notBefore, der), CancellationToken.None);
    if (i == 0)
    {
        await File.WriteAllTextAsync(Path.Combine(output, "leaf.pem"), Pem(leaf));
    }
}

await File.WriteAllTextAsync(Path.Combine(output, "root.pem"), Pem(root));
await File.WriteAllTextAsync(Path.Combine(output, "ca.pem"), Pem(issuing));
Console.WriteLine($"CA bench-ca with {leaves} leaves in {data}");
return 0;

static string Pem(X509Certificate certificate) => new string(PemEncoding.Write("CERTIFICATE", certificate.GetEncoded())) + "\n";

X509Certificate Make(ISigningKey signer, ISigningKey subjectKey, string issuer, string subject, bool ca, BigInteger serial)
{
    var generator = new X509V3CertificateGenerator();
    generator.SetSerialNumber(serial);
    generator.SetIssuerDN(new X509Name(issuer));
    generator.SetSubjectDN(new X509Name(subject));
    generator.SetNotBefore(notBefore);
    generator.SetNotAfter(notAfter);
    generator.SetPublicKey(PublicKeyFactory.CreateKey(subjectKey.SubjectPublicKeyInfo));
    generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
    generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : KeyUsage.DigitalSignature));
    return generator.Generate(signer.ToSignatureFactory());
}
