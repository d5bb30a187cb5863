using Certwright.Acme.Client;
using Certwright.Keys;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AcmeAccountStoreTests
{
    [Fact]
    public async Task LoadOrCreateKeyAsync_Twice_SameKeyStoredOwnerOnly()
    {
        using var dir = new TempDirectory();
        var store = new AcmeAccountStore(dir.File("acme"));

        using var first = await store.LoadOrCreateKeyAsync(KeyType.EcP256, default);
        using var second = await store.LoadOrCreateKeyAsync(KeyType.Rsa2048, default);

        Assert.Equal(first.Jwk, second.Jwk);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyPath));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(store.KeyPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadOrCreateKeyAsync_NotAKey_StateErrorNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("account.key", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        var store = new AcmeAccountStore(dir.Path);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => store.LoadOrCreateKeyAsync(KeyType.EcP256, default));

        Assert.Equal($"{path} is not a PKCS#8 PEM private key; restore it or remove it to create a new ACME account", error.Message);
    }

    [Fact]
    public async Task SaveAccountUrlAsync_TwoDirectories_EachReadBack()
    {
        using var dir = new TempDirectory();
        var store = new AcmeAccountStore(dir.Path);
        var staging = new Uri("https://staging.test/dir");
        var production = new Uri("https://production.test/dir");

        await store.SaveAccountUrlAsync(staging, new Uri("https://staging.test/acct/1"), default);
        await store.SaveAccountUrlAsync(production, new Uri("https://production.test/acct/9"), default);
        await store.SaveAccountUrlAsync(staging, new Uri("https://staging.test/acct/2"), default);

        Assert.Equal(new Uri("https://staging.test/acct/2"), await store.ReadAccountUrlAsync(staging, default));
        Assert.Equal(new Uri("https://production.test/acct/9"), await store.ReadAccountUrlAsync(production, default));
        Assert.Null(await store.ReadAccountUrlAsync(new Uri("https://other.test/dir"), default));
    }
}
