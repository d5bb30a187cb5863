using Certwright.Authority;
using Certwright.Keys;
using Certwright.Storage;
using Certwright.Tests.Authority.TestSupport;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Authority;

/// <summary><see cref="AuthorityImporter"/> against CAs made by the openssl CLI, the real SQLite ledger and the encrypted key store.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuthorityImporterTests : IAsyncLifetime
{
    private const string Password = "import password 1234";
    private readonly TempDirectory _dir = new();
    private IAuthorityStore _store = null!;
    private KeyPassphrase _passphrase = null!;
    private EncryptedFileKeyStore _keys = null!;

    public async Task InitializeAsync()
    {
        _store = await AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = _dir.File("data") }, TimeProvider.System, CancellationToken.None);
        _passphrase = KeyPassphrase.FromString(TestAuthority.Passphrase);
        _keys = new EncryptedFileKeyStore(_dir.File("data/keys"), _passphrase, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _passphrase.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(false, KeyType.EcP256)]
    [InlineData(true, KeyType.Rsa2048)]
    public async Task ImportAsync_OpensslCa_IssuedLeafVerifiesAgainstTheImportedChain(bool rsa, KeyType keyType)
    {
        var ca = await OpenSslCa.CreateAsync(_dir, rsa ? "rsa" : "ec", rsa);

        var record = await CreateSut().ImportAsync(Request("ext", ca.IssuingPem, ca.IssuingKey, ca.RootPem), _keys, CancellationToken.None);

        Assert.Equal((KeyStoreKind.File, keyType), (record.IssuingKey.Store, record.IssuingKey.Type));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_keys.Directory, record.IssuingKey.KeyId + ".key")));
        var issuedCa = Assert.Single(await _store.FindIssuedAsync(Sha256(record.IssuingCertificate), CancellationToken.None));
        Assert.Equal(("ext", AuthorityImporter.ImportedProfile), (issuedCa.Authority, issuedCa.Profile));
        Assert.Single(await _store.FindIssuedAsync(Sha256(record.Chain[0]), CancellationToken.None));

        using var signing = new SigningAuthority(record, await _keys.OpenAsync(record.IssuingKey.KeyId, CancellationToken.None));
        var result = await new CertificateIssuer(signing, _store, TimeProvider.System).IssueAsync(
            new IssuanceRequest(CertificateProfiles.Server) { CommonName = "api.internal" }, CancellationToken.None);
        var leaf = _dir.Write($"{ca.Prefix}-leaf.pem", Pem(result.Certificate.Der));
        var untrusted = _dir.Write($"{ca.Prefix}-untrusted.pem", Pem(record.IssuingCertificate));
        Assert.Equal($"{leaf}: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", untrusted, leaf));
    }

    [Fact]
    public async Task ImportAsync_EncryptedPkcs8WithPassword_KeyStoredUnderTheStorePassphrase()
    {
        var ca = await OpenSslCa.CreateAsync(_dir, "enc", rsa: false);
        var encrypted = await ca.EncryptedIssuingKeyAsync(Password);

        var record = await CreateSut().ImportAsync(Request("enc", ca.IssuingPem, encrypted, ca.RootPem) with { KeyPassword = Password.ToCharArray() }, _keys, CancellationToken.None);

        var keyFile = Path.Combine(_keys.Directory, record.IssuingKey.KeyId + ".key");
        var publicKey = await OpenSsl.RunAsync("pkey", "-in", keyFile, "-passin", "pass:" + TestAuthority.Passphrase, "-pubout");
        Assert.Equal(await OpenSsl.RunAsync("x509", "-in", ca.IssuingPem, "-noout", "-pubkey"), publicKey);
        Assert.Contains("Certwright-Key-Label: enc-issuing\n", await File.ReadAllTextAsync(keyFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SelfSignedRootWithItsKey_NeedsNoChain()
    {
        var ca = await OpenSslCa.CreateAsync(_dir, "root", rsa: false);

        var record = await CreateSut().ImportAsync(Request("root-only", ca.RootPem, ca.RootKey, chain: null), _keys, CancellationToken.None);

        Assert.Empty(record.Chain);
    }

    [Fact]
    public async Task ImportAsync_Refusals_OneLineReasonNamingTheInput()
    {
        var ca = await OpenSslCa.CreateAsync(_dir, "bad", rsa: false);
        var other = await OpenSslCa.CreateAsync(_dir, "other", rsa: false);
        var (leaf, leafKey) = await ca.IssueAsync("leaf.internal", "v3_leaf");
        var (noSign, noSignKey) = await ca.IssueAsync("No Sign CA", "v3_nosign");
        var encrypted = await ca.EncryptedIssuingKeyAsync(Password);
        var legacy = _dir.File("legacy.key");
        await OpenSsl.RunAsync("ec", "-in", ca.IssuingKey, "-aes256", "-passout", "pass:" + Password, "-out", legacy);
        var sut = CreateSut();

        async Task<string> Refused(AuthorityImport request) =>
            (await Assert.ThrowsAsync<CertwrightException>(() => sut.ImportAsync(request, _keys, CancellationToken.None))).Message;

        Assert.Equal("CA certificate 'CN=leaf.internal' is not a CA: basicConstraints CA:TRUE is missing; give the CA's certificate, not a leaf", await Refused(Request("x", leaf, leafKey, ca.IssuingPem)));
        Assert.Equal("CA certificate 'CN=No Sign CA' is not a CA that may sign certificates: keyUsage keyCertSign is missing", await Refused(Request("x", noSign, noSignKey, ca.IssuingPem)));
        Assert.Equal("key 'issuing.key' does not match CA certificate 'CN=bad Issuing CA' (their public keys differ); give that CA's own key", await Refused(Request("x", ca.IssuingPem, other.IssuingKey, ca.RootPem) with { KeySource = "'issuing.key'" }));
        Assert.Equal("the chain does not link: 'CN=bad Issuing CA' is not signed by the next certificate 'CN=other Root CA'; give --chain in order, each issuer after the certificate it signed, up to the root", await Refused(Request("x", ca.IssuingPem, ca.IssuingKey, other.RootPem)));
        Assert.Equal("the chain ends at 'CN=bad Issuing CA', which is not self-signed; --chain must reach the root CA (add its issuer 'CN=bad Root CA')", await Refused(Request("x", ca.IssuingPem, ca.IssuingKey, chain: null)));
        Assert.Equal("cannot decrypt key 'k': wrong password in --key-password-file (or a corrupt key)", await Refused(Request("x", ca.IssuingPem, encrypted, ca.RootPem) with { KeySource = "'k'", KeyPassword = "wrong password".ToCharArray() }));
        Assert.Equal("key 'k' is encrypted; give its password with --key-password-file FILE", await Refused(Request("x", ca.IssuingPem, encrypted, ca.RootPem) with { KeySource = "'k'" }));
        Assert.Equal("key 'k' uses OpenSSL's legacy PEM encryption; convert it with 'openssl pkcs8 -topk8 -in KEY -out KEY.p8' and import KEY.p8", await Refused(Request("x", ca.IssuingPem, legacy, ca.RootPem) with { KeySource = "'k'", KeyPassword = Password.ToCharArray() }));
        Assert.Equal("key 'k' holds no private key PEM block (PRIVATE KEY, ENCRYPTED PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY); give the CA's key in PEM", await Refused(Request("x", ca.IssuingPem, ca.RootPem, ca.RootPem) with { KeySource = "'k'" }));
        Assert.Empty(await _store.ListAuthoritiesAsync(CancellationToken.None));
        Assert.False(Directory.Exists(_keys.Directory) && Directory.EnumerateFiles(_keys.Directory).Any());
    }

    [Fact]
    public async Task ImportAsync_NameTakenOrExpiredCa_Refused()
    {
        var ca = await OpenSslCa.CreateAsync(_dir, "dup", rsa: false);
        await CreateSut().ImportAsync(Request("dup", ca.IssuingPem, ca.IssuingKey, ca.RootPem), _keys, CancellationToken.None);
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(6));

        var taken = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().ImportAsync(Request("dup", ca.IssuingPem, ca.IssuingKey, ca.RootPem), _keys, CancellationToken.None));
        var expired = await Assert.ThrowsAsync<CertwrightException>(() => new AuthorityImporter(_store, later).ImportAsync(Request("later", ca.IssuingPem, ca.IssuingKey, ca.RootPem), _keys, CancellationToken.None));

        Assert.Equal("a CA named 'dup' exists; choose another name ('certwright ca list' shows them)", taken.Message);
        Assert.Matches(@"^CA certificate 'CN=dup Issuing CA' expired on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; import a current one$", expired.Message);
    }

    private AuthorityImporter CreateSut() => new(_store, TimeProvider.System);

    private static AuthorityImport Request(string name, string cert, string key, string? chain) =>
        new(name, File.ReadAllBytes(cert), File.ReadAllBytes(key)) { Chain = chain is null ? null : File.ReadAllBytes(chain), KeySource = $"'{key}'" };

    private static string Sha256(byte[] der) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));

    private static string Pem(byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";
}
