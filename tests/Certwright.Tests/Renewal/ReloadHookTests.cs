using Certwright.Renewal.Deploy;

namespace Certwright.Tests.Renewal;

public sealed class ReloadHookTests
{
    [Fact]
    public async Task RunAsync_ExitZero_Succeeds()
    {
        var result = await ReloadHook.RunAsync("echo reloaded", TimeSpan.FromSeconds(10), default);

        Assert.Equal(new ReloadResult(true, 0, false, "reloaded"), result);
    }

    [Fact]
    public async Task RunAsync_NonZero_FailsWithItsOutput()
    {
        var result = await ReloadHook.RunAsync("echo 'nginx: [emerg] bad config' >&2; exit 3", TimeSpan.FromSeconds(10), default);

        Assert.Equal(new ReloadResult(false, 3, false, "nginx: [emerg] bad config"), result);
    }

    [Fact]
    public async Task RunAsync_Hangs_IsKilledAtTheTimeout()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await ReloadHook.RunAsync("sleep 30", TimeSpan.FromMilliseconds(300), default);

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }
}
