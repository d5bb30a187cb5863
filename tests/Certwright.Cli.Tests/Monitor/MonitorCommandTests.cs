using System.Diagnostics;
using System.Globalization;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Monitor;

/// <summary><c>monitor --once</c> against real <c>openssl s_server</c> endpoints: exit codes, recorded history, and a graceful SIGTERM.</summary>
[Collection(CliCollection.Name)]
public sealed class MonitorCommandTests(CliFixture cli) : IAsyncLifetime
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
    public async Task Once_HealthyTarget_ExitsZeroAndRecordsTheCheck()
    {
        var config = _sites.WriteConfig($"  - host: localhost:{_sites.HealthyPort}");

        var run = (await _session.RunAsync("monitor", "--once", "--config", config)).ExpectExit(0);

        Assert.Contains($"localhost:{_sites.HealthyPort}  OK", run.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("monitor: 1 checks: 1 ok, 0 warning, 0 critical, 0 failed; exit 0", run.StandardOutput.TrimEnd('\n'), StringComparison.Ordinal);
        var listed = Assert.Single((await _session.RunAsync("target", "list", "--config", config, "--json")).ExpectExit(0).Json("target-list").Array("targets"));
        var last = listed.GetProperty("lastCheck");
        Assert.Equal(("ok", _sites.Healthy.Sha256), (last.Str("status"), last.Str("leafSha256")));
    }

    [Fact]
    public async Task Once_WorstResult_SetsTheNagiosExitCode()
    {
        var config = _sites.WriteConfig(
            $"  - host: localhost:{_sites.HealthyPort}",
            $"  - host: localhost:{_sites.ExpiringPort}\n    namespace: web");
        (await _session.RunAsync("monitor", "--once", "--config", config)).ExpectExit(1);

        // Thresholds per target: 20 days left is critical under critical-days 21.
        var strict = _sites.WriteConfig($"  - host: localhost:{_sites.ExpiringPort}\n    critical-days: 21");
        (await _session.RunAsync("monitor", "--once", "--config", strict)).ExpectExit(2);

        // A target added on the command line is checked too; an unreachable one is CRITICAL, as in scan.
        (await _session.RunAsync("target", "add", $"127.0.0.1:{_sites.DownPort}", "--namespace", "web")).ExpectExit(0);
        var run = (await _session.RunAsync("monitor", "--once", "--config", config)).ExpectExit(2);
        Assert.Contains($"127.0.0.1:{_sites.DownPort}  FAILED  could not connect", run.StandardOutput, StringComparison.Ordinal);
        Assert.True(run.StandardOutput.Contains("monitor: 3 checks: 1 ok, 1 warning, 0 critical, 1 failed; exit 2", StringComparison.Ordinal), run.Describe());

        // --namespace keeps only that namespace's checks.
        (await _session.RunAsync("monitor", "--once", "--config", config, "--namespace", "default")).ExpectExit(0);
    }

    [Theory]
    [InlineData("--warning 100", 1, "WARNING  expires-soon: CN=localhost expires in 90 days")]
    [InlineData("--critical 95", 2, "CRITICAL  expires-soon: CN=localhost expires in 90 days")]
    [InlineData("--warning 60", 0, "OK  -")]
    public async Task Once_TargetAddedWithThresholds_ChecksWithThem(string thresholds, int exitCode, string line)
    {
        var config = _sites.WriteConfig();
        (await _session.RunAsync(["target", "add", $"localhost:{_sites.HealthyPort}", .. thresholds.Split(' ')])).ExpectExit(0);

        var run = (await _session.RunAsync("monitor", "--once", "--config", config)).ExpectExit(exitCode);

        Assert.Contains($"localhost:{_sites.HealthyPort}  {line}", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_History_ShowsEachCheckAndFailure()
    {
        (await _session.RunAsync("target", "add", $"localhost:{_sites.DownPort}")).ExpectExit(0);
        var config = _sites.WriteConfig();
        (await _session.RunAsync("monitor", "--once", "--config", config)).ExpectExit(2);
        (await _session.RunAsync("monitor", "--once", "--config", config)).ExpectExit(2);

        var history = (await _session.RunAsync("target", "history", $"localhost:{_sites.DownPort}", "--json")).ExpectExit(0).Json("target-history");

        var checks = history.Array("checks");
        Assert.Equal(2, checks.Length);
        Assert.All(checks, c => Assert.Equal(("failed", "critical"), (c.Str("status"), c.Str("severity"))));
        Assert.All(checks, c => Assert.Contains("connection refused", c.Str("error"), StringComparison.Ordinal));
        Assert.Empty(history.Array("certificateEvents"));
        var listed = Assert.Single((await _session.RunAsync("target", "list", "--config", config, "--json")).Json("target-list").Array("targets"));
        Assert.Equal("failed", listed.GetProperty("lastCheck").Str("status"));
    }

    [Fact]
    public async Task Once_BadConfig_ExitsThreeNamingFileAndLine()
    {
        var config = _session.Work.Write("bad.yaml", "targets:\n  - host: localhost\n    prot: 443\n");

        (await _session.RunAsync("monitor", "--once", "--config", config))
            .ExpectExit(3)
            .ExpectOneLineError($"{config} line 3: unknown key 'prot' in targets[0]");
    }

    [Fact]
    public async Task Once_NothingToMonitor_ExitsThree()
    {
        (await _session.RunAsync("monitor", "--once")).ExpectExit(3).ExpectOneLineError("nothing to monitor");
    }

    [Fact]
    public async Task Run_Sigterm_FinishesAndExitsZero()
    {
        var config = _sites.WriteConfig($"  - host: localhost:{_sites.HealthyPort}");
        using var monitor = _session.Start("monitor", "--config", config);
        try
        {
            var lines = new List<string>();
            var deadline = Stopwatch.StartNew();
            while (!lines.Any(l => l.Contains($"localhost:{_sites.HealthyPort}  OK", StringComparison.Ordinal)))
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "no check result within 20 s: " + string.Join("\n", lines));
                var line = await monitor.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
                Assert.NotNull(line);
                lines.Add(line);
            }

            (await ProcessResult.RunAsync(ExternalTool.Require("kill", "procps"), ["-s", "TERM", monitor.Id.ToString(CultureInfo.InvariantCulture)])).EnsureSuccess();
            var rest = await monitor.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await monitor.WaitForExitAsync(bound.Token);

            Assert.Equal(0, monitor.ExitCode);
            Assert.Equal("monitor: stopped", rest.TrimEnd('\n'));
            Assert.Equal("", await monitor.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!monitor.HasExited)
            {
                monitor.Kill(entireProcessTree: true);
            }
        }
    }
}
