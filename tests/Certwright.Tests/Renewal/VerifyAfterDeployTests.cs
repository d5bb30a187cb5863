using System.Globalization;
using Certwright.Policy;
using Certwright.Renewal;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Renewal;

/// <summary>
/// Verify after deploy against a real nginx serving the deploy directory's files: one whose reload command does nothing
/// (renewal-not-served) and one reloaded with <c>nginx -s reload</c> (served). The shared NginxServer fixture runs nginx
/// without a master process, which cannot reload; this nginx has one.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class VerifyAfterDeployTests : IAsyncLifetime
{
    private RenewalTestbed _bed = null!;
    private BackgroundServer? _nginx;
    private string _config = "";
    private string _prefix = "";
    private int _port;

    public async Task InitializeAsync() => _bed = await RenewalTestbed.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task Run_ServiceNotReloaded_RaisesRenewalNotServed()
    {
        var managed = await DeployAndServeAsync(() => "true");

        var outcome = Assert.Single(await _bed.Runner().RunAsync(Options(TimeSpan.FromSeconds(1.5)), default));

        Assert.Equal(RenewalStatus.NotServed, outcome.Status);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(FindingCodes.RenewalNotServed, finding.Code);
        Assert.StartsWith($"'web' was renewed and deployed, but 127.0.0.1:{_port} does not serve the new certificate {outcome.Sha256![..16]}… after 1.5 s: it still serves ", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("; check that the service reloads its certificate", finding.Message, StringComparison.Ordinal);
        var state = (await _bed.EntryAsync(managed.Name)).State;
        Assert.Equal("not-served", state.LastResult);
        Assert.Equal(outcome.Sha256, state.CurrentSha256);
    }

    [Fact]
    public async Task Run_ServiceReloadedByTheHook_PassesVerification()
    {
        await DeployAndServeAsync(() => $"{ExternalTool.Require("nginx", "nginx")} -p {_prefix} -c {_config} -s reload");

        var outcome = Assert.Single(await _bed.Runner().RunAsync(Options(TimeSpan.FromSeconds(10)), default));

        Assert.Equal(RenewalStatus.Renewed, outcome.Status);
        Assert.Empty(outcome.Findings);
        Assert.Equal("ok", (await _bed.EntryAsync("web")).State.LastResult);
    }

    [Fact]
    public async Task Run_NotServedEarlier_IsCheckedAgainByTheNextRunUntilServed()
    {
        await DeployAndServeAsync(() => "true");
        var runner = _bed.Runner();
        var first = Assert.Single(await runner.RunAsync(Options(TimeSpan.FromSeconds(1)), default));
        await ProcessResult.RunAsync(ExternalTool.Require("nginx", "nginx"), ["-p", _prefix, "-c", _config, "-s", "reload"], TimeSpan.FromSeconds(20));

        var second = Assert.Single(await runner.RunAsync(Options(TimeSpan.FromSeconds(10)), default));

        Assert.Equal(RenewalStatus.NotServed, first.Status);
        Assert.Equal(RenewalStatus.NotDue, second.Status);
        Assert.Empty(second.Findings);
        Assert.Equal("ok", (await _bed.EntryAsync("web")).State.LastResult);
        Assert.Equal(first.Sha256, (await _bed.EntryAsync("web")).State.CurrentSha256);
    }

    private static RenewalRunOptions Options(TimeSpan verifyTimeout) => new() { Force = false, VerifyTimeout = verifyTimeout, VerifyInterval = TimeSpan.FromMilliseconds(100) };

    /// <summary>Deploys a first certificate, starts nginx on it, and sets the certificate up for a forced-due renewal with <paramref name="reload"/>.</summary>
    private async Task<ManagedCertificate> DeployAndServeAsync(Func<string> reload)
    {
        var dir = _bed.Work.File("web");
        var managed = await _bed.AddAsync("web", dir);
        Assert.Equal(RenewalStatus.Renewed, Assert.Single(await _bed.Runner().RunAsync(new RenewalRunOptions(), default)).Status);
        _port = FreePort.Next();
        _prefix = Directory.CreateDirectory(_bed.Work.File("nginx")).FullName;
        _config = _bed.Work.Write("nginx/nginx.conf", string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            pid {{_prefix}}/nginx.pid;
            error_log {{_prefix}}/error.log warn;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{_prefix}}/client_body;
              proxy_temp_path {{_prefix}}/proxy;
              fastcgi_temp_path {{_prefix}}/fastcgi;
              uwsgi_temp_path {{_prefix}}/uwsgi;
              scgi_temp_path {{_prefix}}/scgi;
              server {
                listen 127.0.0.1:{{_port}} ssl;
                ssl_certificate {{dir}}/fullchain.pem;
                ssl_certificate_key {{dir}}/privkey.pem;
                return 200 "ok\n";
              }
            }
            """));
        _nginx = await BackgroundServer.StartAsync(ExternalTool.Require("nginx", "nginx"), ["-p", _prefix, "-c", _config, "-g", "daemon off;"], _port, _prefix);

        // Due now: a third of the lifetime is left.
        var state = (await _bed.EntryAsync("web")).State;
        _bed.Time.SetUtcNow(state.NotAfter!.Value.AddDays(-20));
        var withVerify = managed with { ReloadCommand = reload(), VerifyEndpoints = [$"127.0.0.1:{_port}"] };
        await _bed.Store.SaveAsync(withVerify, default);
        return withVerify;
    }
}
