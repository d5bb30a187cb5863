using Certwright.Keys;
using Certwright.Renewal;
using Certwright.Storage;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Renewal;

public sealed class SqliteManagedCertificateStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero));
    private IManagedCertificateStore _store = null!;

    public async Task InitializeAsync() => _store = await Open();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    private Task<IManagedCertificateStore> Open() =>
        ManagedCertificateStore.OpenAsync(new StorageOptions { DataDirectory = _data.Path }, _time, default);

    private static ManagedCertificate Acme(string name = "api", string ns = "prod") => new()
    {
        Name = name,
        Namespace = ns,
        Source = new AcmeSourceSpec(new Uri("https://127.0.0.1:14000/dir"), "/etc/pebble.pem", "ops@example.test", "dns-01", 5002, "/usr/local/bin/hook")
        {
            Webroot = "/var/www/html",
            TlsPort = 8443,
            EabKeyId = "kid-1",
            EabHmacFile = "/etc/certwright/eab.key",
            PreferredChain = "Pebble Root CA",
        },
        Domains = ["api.example.test", "www.example.test"],
        KeyType = KeyType.Rsa3072,
        RenewBefore = TimeSpan.FromDays(21),
        DeployTargets =
        [
            DeployTarget.Directory("/srv/tls/api"),
            new DeployTarget("k8s-secret", new Dictionary<string, string> { ["namespace"] = "prod", ["name"] = "api-tls" }),
        ],
        ReloadCommand = "nginx -s reload",
        VerifyEndpoints = ["127.0.0.1:8443", "[::1]:8443"],
    };

    [Fact]
    public async Task Save_ThenList_ReturnsEveryFieldAfterReopening()
    {
        Assert.True(await _store.SaveAsync(Acme(), default));
        await _store.DisposeAsync();
        _store = await Open();

        var entry = Assert.Single(await _store.ListAsync(null, default));

        var managed = entry.Certificate;
        Assert.Equal("api", managed.Name);
        Assert.Equal("prod", managed.Namespace);
        Assert.Equal(Acme().Source, managed.Source);
        Assert.Equal(["api.example.test", "www.example.test"], managed.Domains);
        Assert.Equal(KeyType.Rsa3072, managed.KeyType);
        Assert.Equal(TimeSpan.FromDays(21), managed.RenewBefore);
        Assert.Equal("dir /srv/tls/api", managed.DeployTargets[0].ToString());
        Assert.Equal("k8s-secret", managed.DeployTargets[1].Kind);
        Assert.Equal("api-tls", managed.DeployTargets[1].Settings["name"]);
        Assert.Equal("nginx -s reload", managed.ReloadCommand);
        Assert.Equal(["127.0.0.1:8443", "[::1]:8443"], managed.VerifyEndpoints);
        Assert.Same(ManagedCertificateState.None, entry.State);
    }

    [Fact]
    public async Task SaveState_ThenSaveDefinitionAgain_KeepsTheState()
    {
        await _store.SaveAsync(Acme(), default);
        var state = new ManagedCertificateState
        {
            CurrentSha256 = new string('a', 64),
            CurrentDer = [1, 2, 3],
            NotBefore = _time.GetUtcNow(),
            NotAfter = _time.GetUtcNow().AddDays(90),
            LastAttempt = _time.GetUtcNow(),
            LastResult = "failed",
            LastError = "CA unreachable",
            ConsecutiveFailures = 3,
            NextAttemptAfter = _time.GetUtcNow().AddMinutes(20),
        };
        await _store.SaveStateAsync("api", state, default);

        Assert.False(await _store.SaveAsync(Acme() with { ReloadCommand = "systemctl reload nginx" }, default));

        var entry = Assert.Single(await _store.ListAsync(null, default));
        Assert.Equal("systemctl reload nginx", entry.Certificate.ReloadCommand);
        Assert.Equal(state.CurrentSha256, entry.State.CurrentSha256);
        Assert.Equal(state.CurrentDer, entry.State.CurrentDer);
        Assert.Equal(state.NotAfter, entry.State.NotAfter);
        Assert.Equal(3, entry.State.ConsecutiveFailures);
        Assert.Equal("CA unreachable", entry.State.LastError);
        Assert.Equal(state.NextAttemptAfter, entry.State.NextAttemptAfter);
    }

    [Fact]
    public async Task List_ByNamespace_ReturnsOnlyThatNamespaceByName()
    {
        await _store.SaveAsync(Acme("b", "prod"), default);
        await _store.SaveAsync(Acme("a", "prod"), default);
        await _store.SaveAsync(Acme("c", "staging"), default);

        Assert.Equal(["a", "b"], (await _store.ListAsync("prod", default)).Select(e => e.Certificate.Name));
        Assert.Equal(["a", "b", "c"], (await _store.ListAsync(null, default)).Select(e => e.Certificate.Name));
    }

    [Fact]
    public async Task Remove_DropsDefinitionAndState_AndStateOfUnknownNameIsIgnored()
    {
        await _store.SaveAsync(Acme(), default);
        await _store.SaveStateAsync("api", new ManagedCertificateState { LastResult = "ok" }, default);

        Assert.True(await _store.RemoveAsync("api", default));
        Assert.False(await _store.RemoveAsync("api", default));
        await _store.SaveStateAsync("api", new ManagedCertificateState { LastResult = "ok" }, default);

        Assert.Empty(await _store.ListAsync(null, default));
    }

    [Fact]
    public async Task PrivateCaSource_RoundTrips()
    {
        await _store.SaveAsync(Acme() with { Source = new PrivateCaSourceSpec("corp", "server-client") }, default);

        var entry = Assert.Single(await _store.ListAsync(null, default));

        Assert.Equal(new PrivateCaSourceSpec("corp", "server-client"), entry.Certificate.Source);
        Assert.Equal("ca corp (server-client)", entry.Certificate.Source.Describe());
    }
}
