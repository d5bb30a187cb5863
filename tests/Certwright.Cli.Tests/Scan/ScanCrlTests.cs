using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.Revocation;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary>
/// Leaves of an openssl-CLI CA that name only a CRL distribution point, the CRL served over HTTP by a loopback
/// server that counts requests, behind nginx: <c>scan</c> finds exactly the revoked one, and keeps the CRL in the
/// data directory until its nextUpdate, so the next process does not download it again.
/// </summary>
public sealed class ScanCrlFixture : IAsyncLifetime
{
    private NginxServer? _nginx;

    public OpenSslTestCa Ca { get; private set; } = null!;

    public LoopbackHttpServer CrlServer { get; } = new();

    public Dictionary<string, int> Ports { get; } = [];

    public async Task InitializeAsync()
    {
        Ca = await OpenSslTestCa.CreateAsync("CRL Scan CA");
        var crlUrl = CrlServer.Url("ca.crl");
        var good = await Ca.IssueAsync("localhost", ocspUrl: null, crlUrl);
        var revoked = await Ca.IssueAsync("localhost", ocspUrl: null, crlUrl);
        await Ca.RevokeAsync(revoked, "keyCompromise");
        CrlServer.Reply = LoopbackHttpServer.Serving(await Ca.CrlAsync(), "application/pkix-crl");
        var sites = new List<NginxSite>();
        foreach (var (name, leaf) in new[] { ("good", good), ("revoked", revoked) })
        {
            Ports[name] = FreePort.Next();
            sites.Add(new NginxSite(Ports[name], await Ca.FullChainAsync(leaf), leaf.KeyPath));
        }

        _nginx = await NginxServer.StartAsync(sites);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        await CrlServer.DisposeAsync();
        Ca.Dispose();
    }
}

[Collection(CliCollection.Name)]
public sealed class ScanCrlTests(CliFixture cli, ScanCrlFixture servers) : IClassFixture<ScanCrlFixture>, IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Scan_CrlOnly_RevokedOneFoundAndTheCrlDownloadedOncePerNextUpdate()
    {
        var before = servers.CrlServer.Requests.Count;

        var good = Endpoint(await _session.RunAsync("scan", $"localhost:{servers.Ports["good"]}", "--ca-file", servers.Ca.CertificatePath, "--json"));
        var revoked = Endpoint(await _session.RunAsync("scan", $"localhost:{servers.Ports["revoked"]}", "--ca-file", servers.Ca.CertificatePath, "--json"));

        Assert.Equal(("good", "crl"), (good.GetProperty("revocation").Str("status"), good.GetProperty("revocation").Str("source")));
        Assert.DoesNotContain(good.Findings(), f => f.Code == "revoked");
        var revocation = revoked.GetProperty("revocation");
        Assert.Equal(("revoked", "crl", "keyCompromise"), (revocation.Str("status"), revocation.Str("source"), revocation.Str("reason")));
        Assert.Contains(("revoked", "critical"), revoked.Findings());
        // Two processes, one download: the second read DATA/cache/crl.
        Assert.Equal(1, servers.CrlServer.Requests.Count - before);
        Assert.Single(Directory.GetFiles(Path.Combine(_session.DataDirectory, "cache", "crl"), "*.crl"));

        // --no-store writes nothing into the data directory: the CRL comes from the network again.
        Endpoint(await _session.RunAsync("scan", $"localhost:{servers.Ports["good"]}", "--ca-file", servers.Ca.CertificatePath, "--json", "--no-store"));
        Assert.Equal(2, servers.CrlServer.Requests.Count - before);
    }

    private static System.Text.Json.JsonElement Endpoint(CliRun run) => Assert.Single(run.Json("scan-report").Array("endpoints"));
}
