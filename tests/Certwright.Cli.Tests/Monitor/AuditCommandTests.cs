using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.Monitor;

/// <summary><c>audit</c> end to end: endpoint findings after <c>monitor --once</c>, certificates found in files, every format.</summary>
[Collection(CliCollection.Name)]
public sealed class AuditCommandTests(CliFixture cli) : IAsyncLifetime
{
    private readonly CliSession _session = cli.NewSession();
    private MonitorSites _sites = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _sites = await MonitorSites.StartAsync(_session);
        _config = _sites.WriteConfig(
            $"  - host: localhost:{_sites.HealthyPort}\n    owner: team-ok",
            $"  - host: localhost:{_sites.ExpiringPort}\n    namespace: web\n    owner: \"=HYPERLINK(\\\"http://x\\\")\"");
    }

    public async Task DisposeAsync()
    {
        await _sites.DisposeAsync();
        _session.Dispose();
    }

    [Fact]
    public async Task Json_WarningOnly_ExitsZeroGroupedByNamespaceAndOwner()
    {
        (await _session.RunAsync("monitor", "--once", "--config", _config)).ExpectExit(1);

        var report = (await _session.RunAsync("audit", "--config", _config, "--json")).ExpectExit(0).Json("audit-report");

        Assert.Equal((0, "warning"), (report.Int("exitCode"), report.Str("worstSeverity")));
        Assert.Empty(report.Array("notChecked"));
        var groups = report.Array("groups");
        Assert.Equal(2, groups.Length);
        // Every endpoint's RSA leaf is quantum-vulnerable: information for the post-quantum plan, not a warning.
        Assert.Equal(("default", "team-ok"), (groups[0].Str("namespace"), groups[0].Str("owner")));
        Assert.Equal([("quantum-vulnerable", "info")], groups[0].Findings());
        var group = groups[1];
        Assert.Equal(("web", "=HYPERLINK(\"http://x\")"), (group.Str("namespace"), group.Str("owner")));
        Assert.Equal([("expires-soon", "warning"), ("nonconforming-certificate", "warning"), ("quantum-vulnerable", "info")], group.Findings());
        var row = group.Array("findings")[0];
        Assert.Equal(($"localhost:{_sites.ExpiringPort}", "endpoint"), (row.Str("location"), row.Str("source")));
        Assert.Equal((_sites.Expiring.Sha256, 20), (row.Str("sha256"), row.Int("daysLeft")));
        Assert.Equal(MonitorSites.HtmlSubject, row.Str("subject"));
    }

    [Fact]
    public async Task Critical_ExitsTwoAndListsTargetsNotChecked()
    {
        (await _session.RunAsync("target", "add", $"127.0.0.1:{_sites.DownPort}", "--namespace", "ops")).ExpectExit(0);
        (await _session.RunAsync("monitor", "--once", "--config", _config, "--namespace", "ops")).ExpectExit(2);

        var report = (await _session.RunAsync("audit", "--config", _config, "--json")).ExpectExit(2).Json("audit-report");

        Assert.Equal(2, report.Int("exitCode"));
        Assert.Equal([$"localhost:{_sites.HealthyPort}", $"localhost:{_sites.ExpiringPort}"], report.Strings("notChecked"));
        var group = Assert.Single(report.Array("groups"));
        Assert.Equal("ops", group.Str("namespace"));
        Assert.Equal([("endpoint-unreachable", "critical")], group.Findings());
        var text = (await _session.RunAsync("audit", "--config", _config, "--namespace", "web")).ExpectExit(0);
        Assert.Contains("audit: 0 findings", text.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_QuotesEveryFieldAndNeutralisesFormulas()
    {
        (await _session.RunAsync("monitor", "--once", "--config", _config)).ExpectExit(1);

        var csv = (await _session.RunAsync("audit", "--config", _config, "--format", "csv")).ExpectExit(0).StandardOutput;

        var lines = csv.Split("\r\n");
        Assert.Equal("\"namespace\",\"owner\",\"location\",\"source\",\"subject\",\"sha256\",\"not_after\",\"days_left\",\"code\",\"severity\",\"message\"", lines[0]);
        Assert.StartsWith($"\"default\",\"team-ok\",\"localhost:{_sites.HealthyPort}\",\"endpoint\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"quantum-vulnerable\",\"info\",\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"\"web\",\"'=HYPERLINK(\"\"http://x\"\")\",\"localhost:{_sites.ExpiringPort}\",\"endpoint\",\"{MonitorSites.HtmlSubject}\",\"{_sites.Expiring.Sha256}\",", lines[2], StringComparison.Ordinal);
        Assert.Contains(",\"20\",\"expires-soon\",\"warning\",\"", lines[2], StringComparison.Ordinal);
        Assert.Contains(",\"nonconforming-certificate\",\"warning\",\"", lines[3], StringComparison.Ordinal);
        Assert.Contains(",\"quantum-vulnerable\",\"info\",\"", lines[4], StringComparison.Ordinal);
        Assert.Equal(6, lines.Length);
        Assert.Equal("", lines[5]);
    }

    [Fact]
    public async Task Html_OutFile_SelfContainedAndEncoded()
    {
        (await _session.RunAsync("monitor", "--once", "--config", _config)).ExpectExit(1);
        var path = _session.Work.File("audit.html");

        var run = (await _session.RunAsync("audit", "--config", _config, "--format", "html", "--out", path)).ExpectExit(0);

        Assert.Equal($"audit: 4 findings (0 critical) written to {path}", run.StandardOutput.TrimEnd('\n'));
        var html = await File.ReadAllTextAsync(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains(@"CN=\&lt;script\&gt;alert(1)\&lt;/script\&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("its common name &#39;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co&#39;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://x\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_session.Work.Path, "audit.html.tmp-*"));
    }

    [Fact]
    public async Task FilesInWatchedDirectory_ExpiryFindingsWithTheDirectoryOwner()
    {
        var expired = _session.Work.WritePem("tls/old.pem", _sites.Expiring);
        var config = _session.Work.Write(
            "files.yaml",
            $"defaults:\n  ca-file: {_sites.CaFile}\ndirectories:\n  - paths: [tls]\n    owner: team-files\n    namespace: files\n");

        // The watched directory's check is a WARNING: the certificate in it expires in 20 days.
        var monitor = (await _session.RunAsync("monitor", "--once", "--config", config)).ExpectExit(1);
        Assert.Contains($"  WARNING  expires-soon: {expired}: {MonitorSites.HtmlSubject} expires in 20 days on ", monitor.StandardOutput, StringComparison.Ordinal);
        var report = (await _session.RunAsync("audit", "--config", config, "--json", "--namespace", "files")).ExpectExit(0).Json("audit-report");

        var group = Assert.Single(report.Array("groups"));
        Assert.Equal(("files", "team-files"), (group.Str("namespace"), group.Str("owner")));
        // Once, from the inventory (with its days left), not again from the directory check.
        var expiry = Assert.Single(group.Array("findings"), f => f.Str("code") == "expires-soon");
        Assert.Equal((expired, "file", _sites.Expiring.Sha256), (expiry.Str("location"), expiry.Str("source"), expiry.Str("sha256")));
        Assert.Contains(group.Array("findings"), f => f.Str("code") == "quantum-vulnerable" && f.Str("severity") == "info");
    }

    [Fact]
    public async Task BadFormat_ExitsOne()
    {
        (await _session.RunAsync("audit", "--format", "pdf")).ExpectExit(1).ExpectOneLineError("--format 'pdf': use text, json, html or csv");
    }
}
