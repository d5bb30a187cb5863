using Certwright.Cli.Tests.Infrastructure;
using Certwright.Storage;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Authority;

/// <summary>SIGKILL during a batch: every certificate file on disk must already be in the ledger (recorded before written).</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IssueKillTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task IssueBatch_KilledMidBurst_EveryWrittenCertificateIsInTheLedger()
    {
        var passphrase = _session.Work.Write("passphrase", "cli passphrase 1234\n");
        (await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", passphrase)).ExpectExit(0);
        var csrs = Directory.CreateDirectory(_session.Work.File("csrs")).FullName;
        var template = Path.Combine(csrs, "seed.csr");
        await OpenSsl.RunAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null", "-out", template, "-subj", "/CN=burst.internal");
        for (var i = 0; i < 20_000; i++)
        {
            File.Copy(template, Path.Combine(csrs, $"c{i:D5}.csr"));
        }

        var outDirectory = _session.Work.File("out");
        using var process = _session.Start("issue", "--ca", "corp", "--profile", "server", "--csr-dir", csrs, "--out-dir", outDirectory, "--key-passphrase-file", passphrase);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (CountCertificates(outDirectory) < 200 && DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(20);
        }

        Assert.False(process.HasExited, "the batch finished before it could be killed; give it more CSRs");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var files = Directory.EnumerateFiles(outDirectory, "*.crt").ToList();
        Assert.InRange(files.Count, 200, 19_999);
        await using var store = await AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = _session.DataDirectory }, TimeProvider.System, default);
        foreach (var file in files)
        {
            var pem = await File.ReadAllTextAsync(file);
            var der = Convert.FromBase64String(pem[(pem.IndexOf('\n', StringComparison.Ordinal) + 1)..pem.IndexOf("-----END", StringComparison.Ordinal)].Replace("\n", "", StringComparison.Ordinal));
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));
            Assert.True((await store.FindIssuedAsync(sha, default)).Count == 1, $"{Path.GetFileName(file)} ({sha}) is not in the ledger");
        }
    }

    private static int CountCertificates(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.crt").Count() : 0;
}
