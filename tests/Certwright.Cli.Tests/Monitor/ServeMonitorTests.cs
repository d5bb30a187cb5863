using System.Diagnostics;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Cli.Tests.Integration;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Monitor;

/// <summary>
/// DESIGN.md: "<c>certwright serve</c> runs them [the scheduled checks] plus the web server": targets of the configuration
/// file and of <c>target add</c> are checked and recorded while <c>serve</c> answers OCSP.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ServeMonitorTests(CliFixture cli) : IAsyncLifetime
{
    private readonly CliSession _session = cli.NewSession();
    private MonitorSites _sites = null!;

    public async Task InitializeAsync() => _sites = await MonitorSites.StartAsync(_session);

    public async Task DisposeAsync()
    {
        await _sites.DisposeAsync();
        _session.Dispose();
    }

    [Fact]
    public async Task Serve_WithTargets_RunsAndRecordsTheScheduledChecks()
    {
        var ca = await PrivateCa.InitAsync(_session, "serve-monitor", FreePort.Next());
        var config = _sites.WriteConfig($"  - host: localhost:{_sites.HealthyPort}");
        (await _session.RunAsync("target", "add", $"localhost:{_sites.ExpiringPort}", "--namespace", "web")).ExpectExit(0);

        await using var serve = await ServeProcess.StartAsync(_session, ca.ServeUrl, ca.PassphraseFile, "--config", config);
        var deadline = Stopwatch.StartNew();
        string[] expected = [$"localhost:{_sites.HealthyPort}  OK  -", $"localhost:{_sites.ExpiringPort}  WARNING  "];
        while (!expected.All(e => serve.Output.Contains(e, StringComparison.Ordinal)))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "serve printed no check results within 30 s:\n" + serve.Output);
            await Task.Delay(50);
        }

        Assert.Contains("monitor: 2 checks, 32 at a time", serve.Output, StringComparison.Ordinal);
        var history = (await _session.RunAsync("target", "history", $"localhost:{_sites.ExpiringPort}", "--json")).ExpectExit(0).Json("target-history");
        var check = Assert.Single(history.Array("checks"));
        Assert.Equal(("warning", _sites.Expiring.Sha256), (check.Str("status"), check.Str("leafSha256")));
        var listed = (await _session.RunAsync("target", "list", "--config", config, "--json")).ExpectExit(0).Json("target-list").Array("targets");
        Assert.Equal(["ok", "warning"], listed.Select(t => t.GetProperty("lastCheck").Str("status")));
    }
}
