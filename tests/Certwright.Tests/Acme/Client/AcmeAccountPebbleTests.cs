using System.Security.Cryptography;
using Certwright.Acme.Client;
using Certwright.Acme.Protocol;
using Certwright.Keys;
using Certwright.Tests.Acme.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

/// <summary>Accounts end to end: external account binding and key rollover against Pebble.</summary>
public sealed class AcmeAccountPebbleTests
{
    private const string EabKeyId = "kid-1";
    private static readonly string EabMacKey = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task ObtainAsync_EabRequiredAndNotGiven_UsageErrorNamingEab()
    {
        await using var pebble = await PebbleServer.StartAsync(new PebbleSettings { EabKeys = new Dictionary<string, string> { [EabKeyId] = EabMacKey } });
        using var accounts = new TempDirectory();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => source.ObtainAsync(AcmeTestKit.Order("eab.example.test"), default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"ACME server {pebble.DirectoryUrl} requires external account binding; give the EAB key id and HMAC key from the CA", error.Message);
        Assert.False(File.Exists(accounts.File("accounts")));
    }

    [Fact]
    public async Task ObtainAsync_EabWithWrongMacKey_ServerRefusesAccount()
    {
        await using var pebble = await PebbleServer.StartAsync(new PebbleSettings { EabKeys = new Dictionary<string, string> { [EabKeyId] = EabMacKey } });
        using var accounts = new TempDirectory();
        var wrongKey = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var options = AcmeTestKit.Options(pebble, accounts.Path) with { EabKeyId = EabKeyId, EabHmacKey = wrongKey };
        using var source = new AcmeCertificateSource(options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<AcmeProtocolException>(() => source.ObtainAsync(AcmeTestKit.Order("eab.example.test"), default));

        Assert.Equal(AcmeProblemTypes.Unauthorized, error.Problem.Type);
        Assert.DoesNotContain(wrongKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObtainAsync_EabGiven_AccountBoundAndCertificateIssued()
    {
        await using var pebble = await PebbleServer.StartAsync(new PebbleSettings { EabKeys = new Dictionary<string, string> { [EabKeyId] = EabMacKey } });
        using var accounts = new TempDirectory();
        var options = AcmeTestKit.Options(pebble, accounts.Path) with { EabKeyId = EabKeyId, EabHmacKey = EabMacKey };
        using var source = new AcmeCertificateSource(options, TimeProvider.System);

        var bundle = await source.ObtainAsync(AcmeTestKit.Order("eab.example.test"), default);

        using var leaf = await AcmeTestKit.AssertIssuedAsync(bundle, pebble, ["eab.example.test"]);
        Assert.StartsWith(pebble.DirectoryUrl.AbsoluteUri + " https://127.0.0.1:", await File.ReadAllTextAsync(accounts.File("accounts")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollOverAccountKeyAsync_IssuedAccount_NewKeyStoredOldKeyNoLongerAnAccount()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System);
        await source.ObtainAsync(AcmeTestKit.Order("roll.example.test"), default);
        var oldKeyPem = await File.ReadAllTextAsync(accounts.File("account.key"));
        var accountsBefore = await File.ReadAllTextAsync(accounts.File("accounts"));

        var thumbprint = await source.RollOverAccountKeyAsync(default);

        var newKeyPem = await File.ReadAllTextAsync(accounts.File("account.key"));
        Assert.NotEqual(oldKeyPem, newKeyPem);
        Assert.False(File.Exists(accounts.File("account.key.next")));
        using var newKey = AcmeAccountKey.ImportPkcs8(PemDer(newKeyPem), "new");
        Assert.Equal(newKey.Jwk.Thumbprint(), thumbprint);
        Assert.Equal(accountsBefore, await File.ReadAllTextAsync(accounts.File("accounts")));
        // The account works with the new key (same account URL)...
        var bundle = await source.ObtainAsync(AcmeTestKit.Order("roll.example.test"), default);
        using var leaf = await AcmeTestKit.AssertIssuedAsync(bundle, pebble, ["roll.example.test"]);
        // ...and the old key no longer finds it, while the new key does.
        using var oldKey = AcmeAccountKey.ImportPkcs8(PemDer(oldKeyPem), "old");
        using var http = AcmeHttpClientFactory.Create(pebble.CaFile, TimeSpan.FromSeconds(10));
        var clientOptions = new AcmeClientOptions { DirectoryUrl = pebble.DirectoryUrl };
        Assert.Null(await new AcmeClient(clientOptions, http, oldKey, TimeProvider.System).FindAccountAsync(default));
        var found = await new AcmeClient(clientOptions, http, newKey, TimeProvider.System).FindAccountAsync(default);
        Assert.Equal(accountsBefore.Split(' ')[1].Trim(), found!.Url.AbsoluteUri);
    }

    [Fact]
    public async Task ObtainAsync_KeyChangeTheCaMadeButNeverStored_PendingKeyBecomesTheAccountKey()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System);
        await source.ObtainAsync(AcmeTestKit.Order("crash.example.test"), default);
        var accountUrl = new Uri((await File.ReadAllTextAsync(accounts.File("accounts"))).Split(' ')[1].Trim());
        // A rollover that died after the CA switched keys: the new key is only in account.key.next.
        using var oldKey = AcmeAccountKey.ImportPkcs8(PemDer(await File.ReadAllTextAsync(accounts.File("account.key"))), "old");
        using var newKey = AcmeAccountKey.Generate(KeyType.EcP256);
        await File.WriteAllTextAsync(accounts.File("account.key.next"), PemEncoding.WriteString("PRIVATE KEY", newKey.ExportPkcs8()) + "\n");
        using var http = AcmeHttpClientFactory.Create(pebble.CaFile, TimeSpan.FromSeconds(10));
        var clientOptions = new AcmeClientOptions { DirectoryUrl = pebble.DirectoryUrl };
        await new AcmeClient(clientOptions, http, oldKey, TimeProvider.System) { AccountUrl = accountUrl }.ChangeKeyAsync(newKey, default);

        var bundle = await source.ObtainAsync(AcmeTestKit.Order("crash.example.test"), default);

        using var leaf = await AcmeTestKit.AssertIssuedAsync(bundle, pebble, ["crash.example.test"]);
        Assert.False(File.Exists(accounts.File("account.key.next")));
        using var stored = AcmeAccountKey.ImportPkcs8(PemDer(await File.ReadAllTextAsync(accounts.File("account.key"))), "stored");
        Assert.Equal(newKey.Jwk.Thumbprint(), stored.Jwk.Thumbprint());
        Assert.Equal(accountUrl, (await new AcmeClient(clientOptions, http, newKey, TimeProvider.System).FindAccountAsync(default))!.Url);
    }

    [Fact]
    public async Task ObtainAsync_PendingKeyTheCaNeverTook_DiscardedAndTheAccountKeyKept()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System);
        await source.ObtainAsync(AcmeTestKit.Order("kept.example.test"), default);
        var keyBefore = await File.ReadAllTextAsync(accounts.File("account.key"));
        using var unused = AcmeAccountKey.Generate(KeyType.EcP256);
        await File.WriteAllTextAsync(accounts.File("account.key.next"), PemEncoding.WriteString("PRIVATE KEY", unused.ExportPkcs8()) + "\n");

        var bundle = await source.ObtainAsync(AcmeTestKit.Order("kept.example.test"), default);

        using var leaf = await AcmeTestKit.AssertIssuedAsync(bundle, pebble, ["kept.example.test"]);
        Assert.False(File.Exists(accounts.File("account.key.next")));
        Assert.Equal(keyBefore, await File.ReadAllTextAsync(accounts.File("account.key")));
    }

    private static byte[] PemDer(string pem)
    {
        var fields = PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
