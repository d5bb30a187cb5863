using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Import;

/// <summary>
/// SIGKILL during a first import: the inventory is built aside and linked into place at the end, so a killed run
/// leaves no inventory (never a half-built one), and the next import removes what it left.
/// </summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ImportKillTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Import_KilledDuringAFirstImport_NoInventoryAndTheNextImportCleansUp()
    {
        using var leaf = TestPki.CreateSelfSignedLeaf("killed.example.test");
        var many = Directory.CreateDirectory(_session.Work.File("many")).FullName;
        var template = _session.Work.WritePem("template.pem", leaf);
        for (var i = 0; i < 30_000; i++)
        {
            File.Copy(template, Path.Combine(many, $"c{i:D5}.pem"));
        }

        var database = Path.Combine(_session.DataDirectory, "certwright.db");
        using var process = _session.Start("import", many);
        var staging = $"{database}.loading-{process.Id}";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(staging) && DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(5);
        }

        Assert.False(process.HasExited, "the import finished before it could be killed; give it more files");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.False(File.Exists(database));
        Assert.True(File.Exists(staging));
        var again = (await _session.RunAsync("import", template, "--json")).ExpectExit(0).Json("import-summary");
        Assert.Equal(1, again.Int("certificatesFound"));
        Assert.False(File.Exists(staging));
        var listed = (await _session.RunAsync("list", "--json")).ExpectExit(0).Json("certificate-list");
        Assert.Equal([leaf.Sha256], listed.Array("certificates").Select(c => c.Str("sha256")));
    }
}
