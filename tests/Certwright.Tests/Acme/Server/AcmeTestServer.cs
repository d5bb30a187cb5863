using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Server;
using Certwright.Authority;
using Certwright.Server;
using Certwright.Storage;
using Certwright.Tests.Authority.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace Certwright.Tests.Acme.Server;

/// <summary>
/// A CA (real SQLite ledger, encrypted key file) with the ACME server hosted by <see cref="CertwrightServer"/> on a free
/// loopback port, an http-01 responder on another, and <c>app.test</c>/<c>www.app.test</c> resolving to 127.0.0.1 for validation.
/// </summary>
internal sealed class AcmeTestServer : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;
    private IAcmeStore? _store;
    private string _listen = "http://127.0.0.1:0";

    private AcmeTestServer(TestAuthority ca, TimeProvider time)
    {
        Ca = ca;
        Time = time;
    }

    public TestAuthority Ca { get; }

    public TimeProvider Time { get; }

    public Http01Responder Responder { get; } = new();

    public AcmeServer Server { get; private set; } = null!;

    public string DirectoryUrl { get; private set; } = "";

    public static async Task<AcmeTestServer> StartAsync(TimeProvider? time = null)
    {
        var server = new AcmeTestServer(await TestAuthority.CreateAsync(), time ?? TimeProvider.System);
        await server.StartServerAsync();
        return server;
    }

    public TestAcmeClient Client() => new(_http, DirectoryUrl);

    /// <summary>Stops the host and the ACME store and starts them again on the same database (a restart of serve).</summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        await StartServerAsync();
    }

    /// <summary>newOrder for <paramref name="names"/>, answers every http-01 challenge, waits until ready; returns the order URL.</summary>
    public async Task<string> ReadyOrderAsync(TestAcmeClient client, params string[] names)
    {
        var order = await client.NewOrderAsync(names);
        Assert.Equal(201, order.Status);
        foreach (var authorization in order.Json.GetProperty("authorizations").EnumerateArray())
        {
            var authz = await client.PostAsync(authorization.GetString()!, null);
            var challenge = authz.Json.GetProperty("challenges")[0];
            var token = challenge.GetProperty("token").GetString()!;
            lock (Responder.Answers)
            {
                Responder.Answers[token] = token + "." + client.Thumbprint;
            }

            Assert.Equal(200, (await client.PostAsync(challenge.GetProperty("url").GetString()!, "{}")).Status);
        }

        await Server.ValidationsIdleAsync();
        var location = order.Location!;
        Assert.Equal("ready", (await client.PostAsync(location, null)).Json.GetProperty("status").GetString());
        return location;
    }

    /// <summary>A DER CSR for <paramref name="names"/> (SANs; CN the first) under a new P-256 key.</summary>
    public static byte[] Csr(ECDsa key, params string[] names)
    {
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            sans.AddDnsName(name);
        }

        request.CertificateExtensions.Add(sans.Build());
        return request.CreateSigningRequest();
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        await Responder.DisposeAsync();
        _http.Dispose();
        await Ca.DisposeAsync();
    }

    private async Task StartServerAsync()
    {
        _store = await AcmeStore.OpenAsync(new StorageOptions { DataDirectory = Ca.Dir.File("data") }, Time, default);
        var options = new AcmeServerOptions
        {
            HttpValidationPort = Responder.Port,
            StaticHosts = new Dictionary<string, IPAddress> { ["app.test"] = IPAddress.Loopback, ["www.app.test"] = IPAddress.Loopback, ["down.test"] = IPAddress.Parse("127.0.0.2") },
            ValidationTimeout = TimeSpan.FromSeconds(5),
        };
        Server = new AcmeServer([new AcmeAuthority("corp", Ca.Issuer, CertificateProfiles.Server)], _store, Ca.Store, options, Time);
        _app = CertwrightServer.Build(new CertwrightServerOptions { Listen = new Uri(_listen), Acme = Server, TimeProvider = Time });
        await _app.StartAsync();
        // A restart listens on the same port: clients keep their URLs.
        _listen = CertwrightServer.ListeningUrls(_app)[0];
        DirectoryUrl = _listen + "/acme/corp/directory";
    }

    private async Task StopServerAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        await Server.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }
}
