using System.Diagnostics;
using System.Globalization;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Global;

/// <summary>Ctrl+C and a service manager's SIGTERM stop a long scan at once, with exit 130 and one line.</summary>
[Collection(CliCollection.Name)]
public sealed class InterruptTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Scan_Signalled_StopsWithExit130(string signal)
    {
        await using var silent = ScriptedTcpServer.Start(connection => connection.DrainAsync());
        using var scan = _session.Start("scan", $"127.0.0.1:{silent.Port}", "--timeout", "50s");
        var stderr = scan.StandardError.ReadToEndAsync();
        var stdout = scan.StandardOutput.ReadToEndAsync();
        try
        {
            // Signal only once the scan waits on the server, so the signal meets a running command.
            var deadline = Stopwatch.StartNew();
            while (silent.Accepted == 0)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "the scan never connected");
                Assert.False(scan.HasExited, "the scan ended before it was signalled");
                await Task.Delay(20);
            }

            var clock = Stopwatch.StartNew();
            (await ProcessResult.RunAsync(ExternalTool.Require("kill", "procps"), ["-s", signal, scan.Id.ToString(CultureInfo.InvariantCulture)])).EnsureSuccess();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await scan.WaitForExitAsync(bound.Token);

            Assert.Equal(130, scan.ExitCode);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
            Assert.Equal("certwright: interrupted", (await stderr).TrimEnd('\n'));
            Assert.DoesNotContain("   at ", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (!scan.HasExited)
            {
                scan.Kill(entireProcessTree: true);
            }
        }
    }
}
