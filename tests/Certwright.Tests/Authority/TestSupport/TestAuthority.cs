using Certwright.Authority;
using Certwright.Keys;
using Certwright.Storage;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Authority.TestSupport;

/// <summary>A CA made by <see cref="AuthorityBuilder"/> in a temp data directory: the real SQLite ledger, keys in encrypted files (or an HSM).</summary>
internal sealed class TestAuthority : IAsyncDisposable
{
    public const string Passphrase = "test-passphrase-1234";

    private TestAuthority(TempDirectory dir, IAuthorityStore store, AuthorityRecord record, SigningAuthority signing)
    {
        Dir = dir;
        Store = store;
        Record = record;
        Signing = signing;
        Issuer = new CertificateIssuer(signing, store, TimeProvider.System);
        RootPem = Dir.Write("root.pem", Pem(record.Chain[^1]));
        IntermediatePem = Dir.Write("intermediate.pem", Pem(record.IssuingCertificate));
    }

    public TempDirectory Dir { get; }

    public IAuthorityStore Store { get; }

    public AuthorityRecord Record { get; }

    public SigningAuthority Signing { get; }

    public CertificateIssuer Issuer { get; }

    public string RootPem { get; }

    public string IntermediatePem { get; }

    public static async Task<TestAuthority> CreateAsync(AuthorityOptions options, Func<TempDirectory, Task<IKeyStore>>? keyStore = null)
    {
        var dir = new TempDirectory();
        var store = await AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = dir.File("data") }, TimeProvider.System, default);
        using var passphrase = KeyPassphrase.FromString(Passphrase);
        var keys = keyStore is null ? new EncryptedFileKeyStore(dir.File("data/keys"), passphrase, TimeProvider.System) : await keyStore(dir);
        try
        {
            var record = await new AuthorityBuilder(store, TimeProvider.System).CreateAsync(options, keys, default);
            var key = await keys.OpenAsync(record.IssuingKey.KeyId, default);
            return new TestAuthority(dir, store, record, new SigningAuthority(record, key));
        }
        finally
        {
            (keys as IDisposable)?.Dispose();
        }
    }

    public static Task<TestAuthority> CreateAsync(KeyType type = KeyType.EcP256, Uri? publicUrl = null) =>
        CreateAsync(new AuthorityOptions("corp") { KeyType = type, PublicUrl = publicUrl });

    /// <summary>Writes the leaf as PEM and returns its path.</summary>
    public string WriteLeaf(IssuanceResult result, string name = "leaf.pem") => Dir.Write(name, Pem(result.Certificate.Der));

    public static string Pem(byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";

    public async ValueTask DisposeAsync()
    {
        Signing.Dispose();
        await Store.DisposeAsync();
        Dir.Dispose();
    }
}
