using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.Revocation;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary>
/// nginx stapling fixed OCSP responses made by <c>openssl ocsp -respout</c> for a good and a revoked leaf of an
/// openssl-CLI CA, plus a leaf whose OCSP responder port is closed: what <c>scan</c> reports about revocation.
/// </summary>
public sealed class ScanRevocationFixture : IAsyncLifetime
{
    private NginxServer? _nginx;

    public OpenSslTestCa Ca { get; private set; } = null!;

    public Dictionary<string, int> Ports { get; } = [];

    public async Task InitializeAsync()
    {
        Ca = await OpenSslTestCa.CreateAsync();
        var deadResponder = $"http://127.0.0.1:{FreePort.Next()}/";
        var good = await Ca.IssueAsync("localhost", deadResponder, crlUrl: null);
        var revoked = await Ca.IssueAsync("localhost", deadResponder, crlUrl: null);
        var unstapled = await Ca.IssueAsync("localhost", deadResponder, crlUrl: null);
        await Ca.RevokeAsync(revoked, "keyCompromise");
        var sites = new List<NginxSite>();
        foreach (var (name, leaf, staple) in new[] { ("good", good, true), ("revoked", revoked, true), ("unstapled", unstapled, false) })
        {
            var port = FreePort.Next();
            Ports[name] = port;
            var directives = staple ? $"ssl_stapling on; ssl_stapling_file {Ca.Directory.Write(name + ".ocsp.der", await Ca.OcspResponseAsync(leaf))};" : null;
            sites.Add(new NginxSite(port, await Ca.FullChainAsync(leaf), leaf.KeyPath, ExtraDirectives: directives));
        }

        _nginx = await NginxServer.StartAsync(sites);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        Ca.Dispose();
    }
}

[Collection(CliCollection.Name)]
public sealed class ScanRevocationTests(CliFixture cli, ScanRevocationFixture servers) : IClassFixture<ScanRevocationFixture>, IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Scan_StapledRevoked_IsCriticalWithRevocationInJson()
    {
        var run = (await _session.RunAsync("scan", Target("revoked"), "--ca-file", servers.Ca.CertificatePath, "--no-store", "--json")).ExpectExit(2);

        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.True(endpoint.Bool("ocspStapled"));
        var revocation = endpoint.GetProperty("revocation");
        Assert.Equal(("revoked", "stapled", "keyCompromise"), (revocation.Str("status"), revocation.Str("source"), revocation.Str("reason")));
        Assert.Null(revocation.OptionalStr("url"));
        revocation.Time("revokedAt");
        revocation.Time("nextUpdate");
        Assert.Equal([("revoked", "critical")], endpoint.Findings());
    }

    [Fact]
    public async Task Scan_StapledGood_IsOkAndSaysSoInText()
    {
        var run = (await _session.RunAsync("scan", Target("good"), "--ca-file", servers.Ca.CertificatePath, "--no-store")).ExpectExit(0);

        Assert.Contains(run.OutputLines, l => l.StartsWith("  revocation: good (stapled OCSP, next update ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_ResponderUnreachable_WarnsOcspUnreachableNeverGood()
    {
        var run = (await _session.RunAsync("scan", Target("unstapled"), "--ca-file", servers.Ca.CertificatePath, "--no-store", "--json")).ExpectExit(1);

        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        var revocation = endpoint.GetProperty("revocation");
        Assert.Equal(("unavailable", "none"), (revocation.Str("status"), revocation.Str("source")));
        Assert.Contains("could not be reached", revocation.Str("detail"), StringComparison.Ordinal);
        Assert.Equal([("ocsp-unreachable", "warning"), ("no-ocsp-stapling", "info")], endpoint.Findings());
    }

    [Fact]
    public async Task Scan_NoRevocation_SkipsTheCheck()
    {
        var run = (await _session.RunAsync("scan", Target("revoked"), "--ca-file", servers.Ca.CertificatePath, "--no-store", "--no-revocation", "--json")).ExpectExit(0);

        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, endpoint.GetProperty("revocation").ValueKind);
        Assert.Empty(endpoint.Findings());
    }

    private string Target(string site) => $"localhost:{servers.Ports[site]}";
}
