using System.Diagnostics;
using System.Text.Json;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary>The Nagios verdict of <c>scan</c> for each kind of endpoint, from the exit code and the JSON findings.</summary>
[Collection(CliCollection.Name)]
public sealed class ScanVerdictTests(CliFixture cli, ScanSitesFixture servers) : IClassFixture<ScanSitesFixture>, IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("valid", "", 0, "")]
    [InlineData("in10", "", 1, "expires-soon:warning")]
    [InlineData("in10", "--warning 5 --critical 2", 0, "")]
    [InlineData("in10", "--warning 20 --critical 15", 2, "expires-soon:critical")]
    [InlineData("in3", "", 2, "expires-soon:critical")]
    [InlineData("in3", "--warning 5 --critical 2", 1, "expires-soon:warning")]
    [InlineData("expired", "", 2, "expired:critical")]
    [InlineData("self-signed", "", 2, "self-signed:critical")]
    [InlineData("wrong-host", "", 2, "hostname-mismatch:critical")]
    [InlineData("not-yet-valid", "", 2, "not-yet-valid:critical")]
    [InlineData("no-intermediate", "", 2, "incomplete-chain:critical")]
    [InlineData("wrong-order", "", 1, "wrong-chain-order:warning")]
    public async Task Scan_Endpoint_ExitsWithNagiosVerdict(string site, string options, int exitCode, string findings)
    {
        var target = servers.Sites[site];
        string[] arguments = ["scan", target.Target, "--ca-file", servers.CaFile, "--json", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

        var run = (await _session.RunAsync(arguments)).ExpectExit(exitCode);

        var json = run.Json("scan-report");
        Assert.Equal(exitCode, json.Int("exitCode"));
        Assert.Equal(exitCode switch { 0 => "ok", 1 => "warning", _ => "critical" }, json.Str("status"));
        var endpoint = Assert.Single(json.Array("endpoints"));
        Assert.Equal("success", endpoint.Str("scanStatus"));
        Assert.Equal(target.Leaf.Sha256, endpoint.Array("presentedChain")[0].Str("sha256"));
        Assert.Equal(findings, string.Join(' ', endpoint.Findings().Select(f => $"{f.Code}:{f.Severity}")));
        Assert.All(endpoint.Array("findings"), f => Assert.False(string.IsNullOrWhiteSpace(f.Str("message"))));
    }

    [Fact]
    public async Task Scan_WithoutCaFile_DoesNotTrustTheTestRoot()
    {
        var run = (await _session.RunAsync("scan", servers.Sites["valid"].Target, "--json")).ExpectExit(2);

        // The system store does not hold the test root, and the server does not send it: the chain is incomplete.
        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.False(endpoint.GetProperty("validation").Bool("valid"));
        Assert.Equal([("incomplete-chain", "critical")], endpoint.Findings());
    }

    [Fact]
    public async Task Scan_HostnameMismatch_NamesTheHostAndTheCertificateNames()
    {
        var site = servers.Sites["wrong-host"];

        var run = (await _session.RunAsync("scan", site.Target, "--ca-file", servers.CaFile, "--json")).ExpectExit(2);

        var finding = Assert.Single(Assert.Single(run.Json("scan-report").Array("endpoints")).Array("findings"));
        Assert.Equal(site.Leaf.Sha256, finding.Str("subject"));
        Assert.Contains("'localhost'", finding.Str("message"), StringComparison.Ordinal);
        Assert.Contains("DNS:service.internal.test", finding.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_Sni_SelectsTheNamedServer()
    {
        var target = $"localhost:{servers.SniPort}";

        var named = (await _session.RunAsync("scan", target, "--sni", "b.test", "--ca-file", servers.CaFile, "--json")).ExpectExit(0);
        var fallback = (await _session.RunAsync("scan", target, "--ca-file", servers.CaFile, "--json")).ExpectExit(2);

        var b = Assert.Single(named.Json("scan-report").Array("endpoints"));
        Assert.Equal(("b.test", servers.Sites["b.test"].Leaf.Sha256), (b.Str("serverName"), b.Array("presentedChain")[0].Str("sha256")));
        Assert.Empty(b.Array("findings"));
        var a = Assert.Single(fallback.Json("scan-report").Array("endpoints"));
        Assert.Equal(("localhost", servers.Sites["a.test"].Leaf.Sha256), (a.Str("serverName"), a.Array("presentedChain")[0].Str("sha256")));
        Assert.Equal([("hostname-mismatch", "critical")], a.Findings());
    }

    [Fact]
    public async Task Scan_NothingListening_IsCriticalAndUnreachable()
    {
        var port = FreePort.Next();

        var run = (await _session.RunAsync("scan", $"127.0.0.1:{port}", "--json")).ExpectExit(2);

        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.Equal(("unreachable", "critical"), (endpoint.Str("scanStatus"), endpoint.Str("severity")));
        Assert.False(string.IsNullOrWhiteSpace(endpoint.Str("error")));
        Assert.Equal([("endpoint-unreachable", "critical")], endpoint.Findings());
        Assert.Empty(endpoint.Array("presentedChain"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, endpoint.GetProperty("daysLeft").ValueKind);
        Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("validation").ValueKind);
    }

    [Fact]
    public async Task Scan_StartTlsAgainstPlainTls_IsStartTlsFailed()
    {
        // nginx waits for a ClientHello, the SMTP client for a banner: neither speaks until the timeout.
        var run = (await _session.RunAsync(["scan", servers.Sites["valid"].Target, "--starttls", "smtp", "--timeout", "2s", "--json"], TimeSpan.FromSeconds(30))).ExpectExit(2);

        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.Equal(("starttls-failed", "smtp"), (endpoint.Str("scanStatus"), endpoint.Str("startTls")));
        Assert.Equal([("starttls-failed", "critical")], endpoint.Findings());
        Assert.InRange(run.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Scan_PlainTextServer_IsHandshakeFailed()
    {
        await using var http = ScriptedTcpServer.Start(async connection =>
        {
            await connection.ReadAtLeastAsync(1);
            await connection.SendAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });

        var run = (await _session.RunAsync("scan", $"127.0.0.1:{http.Port}", "--json")).ExpectExit(2);

        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.Equal("handshake-failed", endpoint.Str("scanStatus"));
        Assert.Equal([("handshake-failed", "critical")], endpoint.Findings());
        Assert.Empty(endpoint.Array("presentedChain"));
    }

    [Fact]
    public async Task Scan_ListenerThatNeverAnswers_GivesUpAtTheTimeout()
    {
        await using var silent = ScriptedTcpServer.Start(connection => connection.DrainAsync());
        var clock = Stopwatch.StartNew();

        var run = (await _session.RunAsync(["scan", $"127.0.0.1:{silent.Port}", "--timeout", "2s", "--json"], TimeSpan.FromSeconds(30))).ExpectExit(2);

        // Two seconds of waiting plus process start-up; far below the 20 s default.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
        Assert.Equal(1, silent.Accepted);
        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.Equal([("handshake-failed", "critical")], endpoint.Findings());
    }

    [Fact]
    public async Task Scan_HandshakeTimeout_BoundsTheHandshakeAndNamesItsLength()
    {
        await using var silent = ScriptedTcpServer.Start(connection => connection.DrainAsync());
        var clock = Stopwatch.StartNew();

        var run = (await _session.RunAsync(["scan", $"127.0.0.1:{silent.Port}", "--handshake-timeout", "2s", "--json"], TimeSpan.FromSeconds(30))).ExpectExit(2);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(9));
        var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
        Assert.Equal("TLS handshake failed: the server did not complete it within 2 s (timed out)", endpoint.Str("error"));
    }
}
