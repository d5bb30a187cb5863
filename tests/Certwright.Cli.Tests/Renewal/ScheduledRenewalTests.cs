using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.Renewal;

/// <summary><c>monitor</c> renews the managed certificates too: <c>--once</c> runs one renewal beside the checks.</summary>
[Collection(CliCollection.Name)]
public sealed class ScheduledRenewalTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task MonitorOnce_WithOnlyManagedCertificates_RenewsThemAndExitsOk()
    {
        var passphrase = _session.Work.Write("passphrase", "monitor passphrase 1234\n");
        (await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", passphrase)).ExpectExit(0);
        (await _session.RunAsync("managed", "add", "web", "--ca", "corp", "--profile", "server", "--domain", "web.internal", "--deploy-dir", _session.Work.File("web"))).ExpectExit(0);

        var first = (await _session.RunAsync("monitor", "--once", "--key-passphrase-file", passphrase)).ExpectExit(0);
        var second = (await _session.RunAsync("monitor", "--once", "--key-passphrase-file", passphrase)).ExpectExit(0);

        Assert.StartsWith("renew: web (default) renewed: ", first.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("monitor: 0 checks; 1 managed certificates, 0 failed; exit 0", first.OutputLines[^1]);
        Assert.Equal(["monitor: 0 checks; 1 managed certificates, 0 failed; exit 0"], second.OutputLines);
        Assert.True(File.Exists(_session.Work.File("web/fullchain.pem")));
    }

    [Fact]
    public async Task MonitorOnce_RenewalFailsWhileNoCertificate_IsCritical()
    {
        (await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", _session.Work.Write("p", "monitor passphrase 1234\n"))).ExpectExit(0);
        (await _session.RunAsync("managed", "add", "web", "--ca", "corp", "--profile", "server", "--domain", "web.internal", "--deploy-dir", _session.Work.File("web"))).ExpectExit(0);

        // No passphrase: the CA key cannot be opened, so the renewal fails and there is no certificate at all.
        var run = (await _session.RunAsync("monitor", "--once")).ExpectExit(2);

        Assert.StartsWith("renew: web (default) failed: renewal-failed: cannot renew 'web' from ca corp (server): ", run.OutputLines[0], StringComparison.Ordinal);
    }
}
