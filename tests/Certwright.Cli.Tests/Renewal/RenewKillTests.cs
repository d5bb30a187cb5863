using System.Security.Cryptography.X509Certificates;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Renewal;
using Certwright.Storage;

namespace Certwright.Cli.Tests.Renewal;

/// <summary>SIGKILL during a large renewal: every deploy directory holds the old or the new certificate with its own key, never a mix or a half-written file.</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RenewKillTests(CliFixture cli) : IDisposable
{
    private const int Count = 400;
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Renew_KilledMidDeploy_EveryDirectoryIsWholeOldOrWholeNew()
    {
        var passphrase = _session.Work.Write("passphrase", "kill passphrase 1234\n");
        (await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", passphrase)).ExpectExit(0);
        await using (var store = await ManagedCertificateStore.OpenAsync(new StorageOptions { DataDirectory = _session.DataDirectory }, TimeProvider.System, default))
        {
            for (var i = 0; i < Count; i++)
            {
                await store.SaveAsync(new ManagedCertificate
                {
                    Name = $"c{i:D3}",
                    Source = new PrivateCaSourceSpec("corp", "server"),
                    Domains = [$"c{i:D3}.internal"],
                    DeployTargets = [DeployTarget.Directory(Dir(i))],
                }, default);
            }
        }

        (await _session.RunAsync("renew", "--key-passphrase-file", passphrase)).ExpectExit(0);
        var old = Enumerable.Range(0, Count).Select(i => File.ReadAllText(Path.Combine(Dir(i), "cert.pem"))).ToList();

        using var process = _session.Start("renew", "--force", "--concurrency", "4", "--key-passphrase-file", passphrase);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Changed(old) < 20 && DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(5);
        }

        Assert.False(process.HasExited, "the renewal finished before it could be killed; give it more certificates");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var changed = Changed(old);
        Assert.InRange(changed, 20, Count - 1);
        for (var i = 0; i < Count; i++)
        {
            AssertWhole(Dir(i));
        }

        // The next run picks up where the killed one stopped.
        (await _session.RunAsync("renew", "--force", "--key-passphrase-file", passphrase)).ExpectExit(0);
        Assert.Equal(Count, Changed(old));
    }

    private string Dir(int i) => _session.Work.File($"deploy/c{i:D3}");

    private int Changed(List<string> old) =>
        Enumerable.Range(0, Count).Count(i => Read(Path.Combine(Dir(i), "cert.pem")) is { } now && now != old[i]);

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The four names resolve, the key matches the certificate, and fullchain is the certificate then the chain.</summary>
    private static void AssertWhole(string dir)
    {
        var cert = File.ReadAllText(Path.Combine(dir, "cert.pem"));
        var chain = File.ReadAllText(Path.Combine(dir, "chain.pem"));
        Assert.Equal(cert + chain, File.ReadAllText(Path.Combine(dir, "fullchain.pem")));
        using var pair = X509Certificate2.CreateFromPemFile(Path.Combine(dir, "cert.pem"), Path.Combine(dir, "privkey.pem"));
        Assert.True(pair.HasPrivateKey, dir);
    }
}
