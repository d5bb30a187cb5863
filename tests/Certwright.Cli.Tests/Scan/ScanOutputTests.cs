using System.Text.Json;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary>What <c>scan</c> prints: the Nagios line with perfdata, the JSON document, the table, and targets from a file.</summary>
[Collection(CliCollection.Name)]
public sealed class ScanOutputTests(CliFixture cli, ScanSitesFixture servers) : IClassFixture<ScanSitesFixture>, IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Scan_NagiosValid_PrintsOkLineWithPerfdata()
    {
        var site = servers.Sites["valid"];

        var run = (await _session.RunAsync("scan", site.Target, "--ca-file", servers.CaFile, "--nagios")).ExpectExit(0);

        Assert.Equal(
            [$"CERTWRIGHT OK - {site.Target} valid, expires in 90 days ({NotAfterDate(site)}) | '{site.Target}'=90;30;7;;"],
            run.OutputLines);
        Assert.Empty(run.StandardError);
    }

    [Theory]
    [InlineData("", 1, "WARNING", "10;30;7;;")]
    [InlineData("--warning 5 --critical 2", 0, "OK", "10;5;2;;")]
    [InlineData("-w 12 -c 11", 2, "CRITICAL", "10;12;11;;")]
    // 10.5 days left is more than 10: thresholds compare the exact remaining time, as check_http does with whole days.
    [InlineData("-w 10 -c 5", 0, "OK", "10;10;5;;")]
    // One threshold alone: the other follows it instead of contradicting it.
    [InlineData("--warning 5", 0, "OK", "10;5;5;;")]
    [InlineData("--warning 12", 1, "WARNING", "10;12;7;;")]
    [InlineData("--critical 40", 2, "CRITICAL", "10;40;40;;")]
    public async Task Scan_NagiosExpiringIn10Days_UsesTheThresholds(string options, int exitCode, string label, string perfdata)
    {
        var site = servers.Sites["in10"];
        string[] arguments = ["scan", site.Target, "--ca-file", servers.CaFile, "--nagios", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

        var run = (await _session.RunAsync(arguments)).ExpectExit(exitCode);

        var line = Assert.Single(run.OutputLines);
        Assert.StartsWith($"CERTWRIGHT {label} - {site.Target}", line, StringComparison.Ordinal);
        Assert.EndsWith($" | '{site.Target}'={perfdata}", line, StringComparison.Ordinal);
        if (exitCode != 0)
        {
            Assert.Contains("expires in 10 days on ", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scan_NagiosSeveralEndpoints_SummarisesAndGivesPerfdataForEachLeaf()
    {
        var valid = servers.Sites["valid"];
        var soon = servers.Sites["in3"];
        var nothing = $"127.0.0.1:{FreePort.Next()}";

        var run = (await _session.RunAsync("scan", valid.Target, soon.Target, nothing, "--ca-file", servers.CaFile, "--nagios")).ExpectExit(2);

        var line = Assert.Single(run.OutputLines);
        Assert.StartsWith("CERTWRIGHT CRITICAL - 3 endpoints, 2 critical, 0 warning; ", line, StringComparison.Ordinal);
        Assert.Contains($"{soon.Target}: ", line, StringComparison.Ordinal);
        Assert.Contains($"{nothing}: ", line, StringComparison.Ordinal);
        // Perfdata only where a leaf was seen; the unreachable endpoint has no days to report.
        Assert.EndsWith($" | '{valid.Target}'=90;30;7;; '{soon.Target}'=3;30;7;;", line, StringComparison.Ordinal);
        Assert.Equal(1, line.Count(c => c == '|'));
    }

    [Fact]
    public async Task Scan_NagiosUnreachable_CriticalLineWithoutPerfdata()
    {
        var nothing = $"127.0.0.1:{FreePort.Next()}";

        var run = (await _session.RunAsync("scan", nothing, "--nagios")).ExpectExit(2);

        Assert.Equal([$"CERTWRIGHT CRITICAL - {nothing}: could not connect to port {nothing[10..]} of 127.0.0.1 (127.0.0.1: connection refused)"], run.OutputLines);
        Assert.Empty(run.StandardError);
    }

    [Fact]
    public async Task Scan_Json_DescribesEndpointChainAndValidation()
    {
        var site = servers.Sites["valid"];

        var run = (await _session.RunAsync("scan", site.Target, "--ca-file", servers.CaFile, "--json")).ExpectExit(0);

        var json = run.Json("scan-report");
        Assert.InRange(json.Time("generatedAt"), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(("ok", 0), (json.Str("status"), json.Int("exitCode")));
        var endpoint = Assert.Single(json.Array("endpoints"));
        Assert.Equal((site.Target, "localhost", site.Port, "localhost"), (endpoint.Str("target"), endpoint.Str("host"), endpoint.Int("port"), endpoint.Str("serverName")));
        Assert.Null(endpoint.OptionalStr("startTls"));
        Assert.Equal($"127.0.0.1:{site.Port}", endpoint.Str("address"));
        Assert.Equal(("success", "ok"), (endpoint.Str("scanStatus"), endpoint.Str("severity")));
        Assert.Null(endpoint.OptionalStr("error"));
        Assert.Equal("TLSv1.3", endpoint.Str("protocol"));
        Assert.StartsWith("TLS_", endpoint.Str("cipherSuite"), StringComparison.Ordinal);
        Assert.False(endpoint.Bool("ocspStapled"));
        Assert.False(endpoint.Bool("clientCertificateRequested"));
        Assert.Equal(90, endpoint.Int("daysLeft"));
        endpoint.Time("checkedAt");

        var chain = endpoint.Array("presentedChain");
        Assert.Equal([site.Leaf.Sha256, servers.Intermediate.Sha256], chain.Select(c => c.Str("sha256")));
        Assert.Equal(("CN=localhost", "CN=Scan Intermediate"), (chain[0].Str("subject"), chain[0].Str("issuer")));
        Assert.Equal(["DNS:localhost", "IP:127.0.0.1"], chain[0].Strings("subjectAlternativeNames"));
        Assert.Equal(JsonAssert.Format(site.Leaf.Certificate.NotAfter.ToUniversalTime()), chain[0].Str("notAfter"));
        Assert.Equal(("RSA 2048", "rsa", 2048), (chain[0].Str("key"), chain[0].Str("keyAlgorithm"), chain[0].Int("keyBits")));
        Assert.Equal((false, true), (chain[0].Bool("isCa"), chain[1].Bool("isCa")));

        var validation = endpoint.GetProperty("validation");
        Assert.True(validation.Bool("valid"));
        Assert.Equal("WebPki", validation.Str("profile"));
        Assert.Equal([site.Leaf.Sha256, servers.Intermediate.Sha256, servers.Root.Sha256], validation.Strings("path"));
        Assert.Equal("CN=Scan Root", validation.Str("trustAnchor"));
        Assert.Empty(endpoint.Array("findings"));
        Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("certificateChanged").ValueKind);
    }

    [Theory]
    [InlineData("valid", true)]
    [InlineData("expired", true)] // the path reaches the root and fails on the leaf's date: that date, not missing data
    [InlineData("self-signed", false)] // no verified chain: null, and the finding says why
    public async Task Scan_Expiry_LeafPresentedChainAndValidatedPathApart(string name, bool verifiedChain)
    {
        var site = servers.Sites[name];
        var leaf = JsonAssert.Format(site.Leaf.Certificate.NotAfter.ToUniversalTime());

        var json = (await _session.RunAsync("scan", site.Target, "--ca-file", servers.CaFile, "--json", "--no-store")).Json("scan-report");
        var text = await _session.RunAsync("scan", site.Target, "--ca-file", servers.CaFile, "--no-store");

        var expiry = Assert.Single(json.Array("endpoints")).GetProperty("expiry");
        Assert.Equal((leaf, leaf), (expiry.Str("leaf"), expiry.Str("presentedChain")));
        Assert.Equal(verifiedChain ? leaf : null, expiry.OptionalStr("validatedPath"));
        Assert.Contains(
            $"  expiry:   leaf {leaf}, presented chain {leaf}, validated path {(verifiedChain ? leaf : "none (no path to a trust anchor)")}",
            text.OutputLines);
    }

    [Fact]
    public async Task Scan_Table_ShowsStatusDaysAndFindings()
    {
        var site = servers.Sites["in10"];

        var run = (await _session.RunAsync("scan", site.Target, "--ca-file", servers.CaFile)).ExpectExit(1);

        var lines = run.OutputLines;
        Assert.Matches(@"^TARGET\s+STATUS\s+DAYS\s+NOT AFTER\s+SUBJECT\s+PROTOCOL\s+FINDINGS$", lines[0]);
        Assert.Matches($@"^{site.Target}\s+WARNING\s+10\s+{NotAfterDate(site)}\s+localhost\s+TLSv1\.3\s+expires-soon$", lines[1]);
        Assert.Contains("  trust:    valid, anchored at CN=Scan Root", lines);
        Assert.Contains(lines, l => l.StartsWith($"  {site.Target}  WARNING  expires-soon: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_TargetsFile_ScansEveryLineInOrderAndSkipsComments()
    {
        var valid = servers.Sites["valid"];
        var soon = servers.Sites["in10"];
        var file = _session.Work.Write("targets.txt", $"""
            # production endpoints
            {soon.Target}   # renew me

              {valid.Target}
            # {servers.Sites["expired"].Target} is retired
            {soon.Target}
            """);

        var run = (await _session.RunAsync("scan", "--targets-file", file, "--ca-file", servers.CaFile, "--json")).ExpectExit(1);

        var endpoints = run.Json("scan-report").Array("endpoints");
        Assert.Equal([soon.Target, valid.Target], endpoints.Select(e => e.Str("target")));
        Assert.Equal(["warning", "ok"], endpoints.Select(e => e.Str("severity")));
    }

    [Fact]
    public async Task Scan_TargetsFileFromWindows_ReadsBomAndCrLf()
    {
        var valid = servers.Sites["valid"];
        var soon = servers.Sites["in3"];
        var file = _session.Work.Write("targets.txt", $"\uFEFF# edited on Windows\r\n{valid.Target}\r\n{soon.Target}\r\n");

        var run = (await _session.RunAsync("scan", "--targets-file", file, "--ca-file", servers.CaFile, "--json")).ExpectExit(2);

        Assert.Equal([valid.Target, soon.Target], run.Json("scan-report").Array("endpoints").Select(e => e.Str("target")));
    }

    [Fact]
    public async Task Scan_TargetsFileWithBadLine_IsUnknownAndNamesTheLine()
    {
        var file = _session.Work.Write("targets.txt", $"{servers.Sites["valid"].Target}\n# fine so far\nlocalhost:http\n");

        var run = await _session.RunAsync("scan", "--targets-file", file);

        run.ExpectExit(3).ExpectOneLineError($"{file} line 3: Invalid scan target 'localhost:http'");
        Assert.Empty(run.StandardOutput);
    }

    private static string NotAfterDate(ScanSite site) => JsonAssert.Format(site.Leaf.Certificate.NotAfter.ToUniversalTime())[..10];
}
