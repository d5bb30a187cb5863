using Certwright.Keys;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Keys;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EncryptedFileKeyStoreTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly KeyPassphrase _passphrase = KeyPassphrase.FromString(Passphrase);

    private string KeyDirectory => _dir.File("keys");

    public void Dispose()
    {
        _passphrase.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData("rsa-2048")]
    [InlineData("ec-p256")]
    [InlineData("ec-p384")]
    [InlineData("ed25519")]
    public async Task GenerateAsync_ClassicType_OpenSslReadsTheKeyWithThePassphrase(string typeName)
    {
        using var key = await CreateSut().GenerateAsync(KeyTypes.Parse(typeName), "ca", CancellationToken.None);
        var path = Path.Combine(KeyDirectory, key.Id + ".key");
        var spki = _dir.File("spki.der");

        await OpenSsl.RunAsync("pkey", "-in", path, "-passin", "pass:" + Passphrase, "-pubout", "-outform", "DER", "-out", spki);

        Assert.Equal(key.SubjectPublicKeyInfo, await File.ReadAllBytesAsync(spki));
    }

    [Fact]
    public async Task GenerateAsync_KeyFile_EncryptedPbes2Aes256Pbkdf2Sha256_Mode0600_Directory0700()
    {
        using var key = await CreateSut().GenerateAsync(KeyType.EcP256, "issuing", CancellationToken.None);
        var path = Path.Combine(KeyDirectory, key.Id + ".key");
        var text = await File.ReadAllTextAsync(path);

        Assert.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeyDirectory));
        Assert.Equal([key.Id + ".key"], Directory.GetFiles(KeyDirectory).Select(Path.GetFileName));

        var asn1 = await OpenSsl.RunAsync("asn1parse", "-in", path);
        Assert.Contains(":PBES2", asn1, StringComparison.Ordinal);
        Assert.Contains(":PBKDF2", asn1, StringComparison.Ordinal);
        Assert.Contains(":hmacWithSHA256", asn1, StringComparison.Ordinal);
        Assert.Contains(":aes-256-cbc", asn1, StringComparison.Ordinal);
        Assert.Contains("INTEGER           :0927C0", asn1, StringComparison.Ordinal); // 600000 iterations
    }

    [Theory]
    [InlineData("rsa-3072")]
    [InlineData("ec-p384")]
    [InlineData("ed25519")]
    [InlineData("ml-dsa-44")]
    [InlineData("ml-dsa-65")]
    [InlineData("ml-dsa-87")]
    public async Task OpenAsync_GeneratedKey_SamePublicKeyAndSignaturesVerify(string typeName)
    {
        var type = KeyTypes.Parse(typeName);
        var store = CreateSut();
        using var generated = await store.GenerateAsync(type, "round trip", CancellationToken.None);

        using var opened = await store.OpenAsync(generated.Id, CancellationToken.None);

        Assert.Equal(generated.Id, opened.Id);
        Assert.Equal(type, opened.Type);
        Assert.Equal(generated.SubjectPublicKeyInfo, opened.SubjectPublicKeyInfo);
        var certificate = KeyCertificates.SelfSigned(opened);
        certificate.Verify(Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(generated.SubjectPublicKeyInfo));
    }

    [Fact]
    public async Task ListAsync_TwoKeys_ReturnsThemWithoutThePassphrase()
    {
        var store = CreateSut();
        using var a = await store.GenerateAsync(KeyType.EcP256, "root", CancellationToken.None);
        using var b = await store.GenerateAsync(KeyType.MlDsa65, "pq root", CancellationToken.None);
        using var wrong = KeyPassphrase.FromString("not the passphrase");

        var listed = await new EncryptedFileKeyStore(KeyDirectory, wrong, TimeProvider.System).ListAsync(CancellationToken.None).ToListAsync();

        Assert.Equal(
            new[] { new KeyInfo(a.Id, "root", KeyType.EcP256, KeyStoreKind.File, Now, true), new KeyInfo(b.Id, "pq root", KeyType.MlDsa65, KeyStoreKind.File, Now, true) }
                .OrderBy(k => k.Id, StringComparer.Ordinal),
            listed);
    }

    [Fact]
    public async Task DescribeAsync_GeneratedKey_HeaderRecordWithFakeClockTime()
    {
        var store = CreateSut();
        using var key = await store.GenerateAsync(KeyType.Ed25519, "described", CancellationToken.None);

        var info = await store.DescribeAsync(key.Id, CancellationToken.None);

        Assert.Equal(new KeyInfo(key.Id, "described", KeyType.Ed25519, KeyStoreKind.File, Now, true), info);
    }

    [Fact]
    public async Task GenerateAsync_ListOnlyStore_UsageErrorAndNoFile()
    {
        var store = new EncryptedFileKeyStore(KeyDirectory, passphrase: null, TimeProvider.System);

        var e = await Assert.ThrowsAsync<CertwrightException>(() => store.GenerateAsync(KeyType.EcP256, "ca", CancellationToken.None));

        Assert.Equal("no key passphrase: give --key-passphrase-file FILE or set CERTWRIGHT_KEY_PASSPHRASE", e.Message);
        Assert.False(Directory.Exists(KeyDirectory));
    }

    [Fact]
    public async Task ListAsync_NoDirectory_Empty()
    {
        Assert.Empty(await CreateSut().ListAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task OpenAsync_WrongPassphrase_UsageErrorNamingFileAndSources()
    {
        using var key = await CreateSut().GenerateAsync(KeyType.EcP256, "ca", CancellationToken.None);
        using var wrong = KeyPassphrase.FromString("not the passphrase");
        var path = Path.Combine(KeyDirectory, key.Id + ".key");

        var e = await Assert.ThrowsAsync<CertwrightException>(
            () => new EncryptedFileKeyStore(KeyDirectory, wrong, TimeProvider.System).OpenAsync(key.Id, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal(
            $"cannot decrypt key file '{path}': wrong passphrase or a corrupt file; check --key-passphrase-file or CERTWRIGHT_KEY_PASSPHRASE",
            e.Message);
        Assert.DoesNotContain("not the passphrase", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_TruncatedPem_UsageErrorCorrupt()
    {
        using var key = await CreateSut().GenerateAsync(KeyType.EcP256, "ca", CancellationToken.None);
        var path = Path.Combine(KeyDirectory, key.Id + ".key");
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("-----END ENCRYPTED PRIVATE KEY-----", "", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().OpenAsync(key.Id, CancellationToken.None));

        Assert.Equal($"key file '{path}' is corrupt: it has no ENCRYPTED PRIVATE KEY PEM block; restore it from a backup", e.Message);
    }

    [Fact]
    public async Task OpenAsync_HeaderTypeTamperedWith_UsageErrorCorrupt()
    {
        using var key = await CreateSut().GenerateAsync(KeyType.EcP256, "ca", CancellationToken.None);
        var path = Path.Combine(KeyDirectory, key.Id + ".key");
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("Certwright-Key-Type: ec-p256", "Certwright-Key-Type: ec-p384", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().OpenAsync(key.Id, CancellationToken.None));

        Assert.Equal($"key file '{path}' is corrupt: its header says ec-p384 but the key is ec-p256; restore it from a backup", e.Message);
    }

    [Fact]
    public async Task OpenAsync_HugeIterationCount_RefusedBeforeDeriving()
    {
        var id = new string('a', 32);
        var path = Path.Combine(KeyDirectory, id + ".key");
        Directory.CreateDirectory(KeyDirectory);
        // Deriving 2e9 iterations would take hours; the test only finishes because the count is checked first.
        var pem = new string(System.Security.Cryptography.PemEncoding.Write("ENCRYPTED PRIVATE KEY", EncryptedPrivateKeyInfo(2_000_000_000)));
        await File.WriteAllTextAsync(path, $"Certwright-Key-Id: {id}\nCertwright-Key-Label: x\nCertwright-Key-Type: ec-p256\nCertwright-Key-Created: 2026-01-01T00:00:00Z\n{pem}\n");

        var e = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().OpenAsync(id, CancellationToken.None));

        Assert.Equal($"key file '{path}' asks for 2000000000 PBKDF2 iterations, more than the 10000000 Certwright accepts; re-encrypt it with fewer", e.Message);
    }

    [Fact]
    public async Task OpenAsync_OpenSslEncryptedKeyWithHeader_Opens()
    {
        var id = new string('b', 32);
        Directory.CreateDirectory(KeyDirectory);
        var keyFile = _dir.File("plain.pem");
        await OpenSsl.RunAsync("genpkey", "-algorithm", "ED25519", "-out", keyFile);
        var encrypted = await OpenSsl.RunAsync("pkcs8", "-topk8", "-in", keyFile, "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256", "-iter", "1000", "-passout", "pass:" + Passphrase);
        await File.WriteAllTextAsync(Path.Combine(KeyDirectory, id + ".key"), $"Certwright-Key-Id: {id}\nCertwright-Key-Label: imported\nCertwright-Key-Type: ed25519\nCertwright-Key-Created: 2026-01-01T00:00:00Z\n{encrypted}");
        var spki = Convert.FromBase64String(string.Concat((await OpenSsl.RunAsync("pkey", "-in", keyFile, "-pubout")).Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));

        using var key = await CreateSut().OpenAsync(id, CancellationToken.None);

        Assert.Equal(KeyType.Ed25519, key.Type);
        Assert.Equal(spki, key.SubjectPublicKeyInfo);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF")]
    public async Task OpenAsync_InvalidId_UsageError(string id)
    {
        var e = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().OpenAsync(id, CancellationToken.None));

        Assert.Equal($"key id '{id}' is not valid; a key id is 32 hex digits as `certwright key list` shows", e.Message);
    }

    [Fact]
    public async Task OpenAsync_MissingKey_UsageErrorNamingThePath()
    {
        var id = new string('c', 32);

        var e = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().OpenAsync(id, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal($"no key '{id}' in '{KeyDirectory}'; `certwright key list` shows the keys", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("two\nlines")]
    public async Task GenerateAsync_BadLabel_UsageErrorAndNoFile(string label)
    {
        var e = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().GenerateAsync(KeyType.EcP256, label, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.StartsWith($"key label '{label}' is not valid", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(KeyDirectory));
    }

    private static byte[] EncryptedPrivateKeyInfo(long iterations)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.5.13"); // PBES2
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.2.840.113549.1.5.12"); // PBKDF2
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(new byte[16]);
                            writer.WriteInteger(iterations);
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier("1.2.840.113549.2.9"); // hmacWithSHA256
                                writer.WriteNull();
                            }
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("2.16.840.1.101.3.4.1.42"); // aes256-CBC
                        writer.WriteOctetString(new byte[16]);
                    }
                }
            }

            writer.WriteOctetString(new byte[64]);
        }

        return writer.Encode();
    }

    private EncryptedFileKeyStore CreateSut() => new(KeyDirectory, _passphrase, new FakeTimeProvider(Now));
}
