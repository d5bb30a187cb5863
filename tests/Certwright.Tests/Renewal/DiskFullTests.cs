using System.Security.Cryptography;
using Certwright.Policy;
using Certwright.Renewal;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Renewal;

/// <summary>
/// A deploy directory on a full file system: a 256 KiB tmpfs mounted by the test (the tests run as root, so permissions
/// cannot make writes fail, but a full disk can), filled after the first deployment.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DiskFullTests : IAsyncLifetime
{
    private RenewalTestbed _bed = null!;
    private string _mount = "";

    public async Task InitializeAsync()
    {
        _bed = await RenewalTestbed.CreateAsync();
        _mount = Directory.CreateDirectory(_bed.Work.File("small")).FullName;
        var mount = await ProcessResult.RunAsync(ExternalTool.Require("mount", "mount"), ["-t", "tmpfs", "-o", "size=256k", "tmpfs", _mount], TimeSpan.FromSeconds(20));
        Assert.True(mount.ExitCode == 0, $"cannot mount a tmpfs for the disk-full test (it needs root with CAP_SYS_ADMIN, as CI has): {mount.StandardError}");
    }

    public async Task DisposeAsync()
    {
        await ProcessResult.RunAsync(ExternalTool.Require("umount", "mount"), [_mount], TimeSpan.FromSeconds(20));
        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task Run_DiskFull_DeployFailsOldCertificateStaysAndTheRetryWorksOnceThereIsRoom()
    {
        var dir = Path.Combine(_mount, "web");
        await _bed.AddAsync("web", dir);
        var runner = _bed.Runner();
        var old = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        var filler = Path.Combine(_mount, "filler");
        Fill(filler);
        _bed.Time.Advance(TimeSpan.FromDays(61));

        var failed = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        Assert.Equal(RenewalStatus.Failed, failed.Status);
        var finding = Assert.Single(failed.Findings);
        Assert.Equal(FindingCodes.DeployFailed, finding.Code);
        Assert.StartsWith($"cannot deploy 'web': cannot deploy to '{dir}': ", finding.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("; the certificate there is unchanged; the old certificate stays in place", finding.Message, StringComparison.Ordinal);
        Assert.Equal(old.Sha256, Sha256(Path.Combine(dir, "cert.pem")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(dir, "cert.pem")), (await File.ReadAllTextAsync(Path.Combine(dir, "fullchain.pem")))[..(await File.ReadAllTextAsync(Path.Combine(dir, "cert.pem"))).Length]);

        File.Delete(filler);
        _bed.Time.Advance(RenewalPlanner.Backoff(1));
        var retried = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        Assert.Equal(RenewalStatus.Renewed, retried.Status);
        Assert.Equal(retried.Sha256, Sha256(Path.Combine(dir, "cert.pem")));
    }

    private static void Fill(string path)
    {
        using var stream = File.Create(path);
        var block = new byte[4096];
        try
        {
            for (var i = 0; i < 1024; i++)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full: exactly what the test wants.
            return;
        }

        Assert.Fail("the 256 KiB tmpfs did not fill up");
    }

    private static string Sha256(string pemPath)
    {
        var pem = File.ReadAllText(pemPath);
        var fields = PemEncoding.Find(pem);
        return Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(pem[fields.Base64Data])));
    }
}
