using Certwright.Internal;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Internal;

public sealed class AtomicFileTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Write_NewFile_HasContentsAndModeAndNoTempLeft()
    {
        using var directory = new TempDirectory();
        var path = directory.File("key.pem");

        await AtomicFile.WriteAsync(path, "secret"u8.ToArray(), UnixFileMode.UserRead | UnixFileMode.UserWrite, overwrite: false, CancellationToken.None);

        Assert.Equal("secret", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["key.pem"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_ExistingWithoutOverwrite_FailsAndKeepsTheOldFile()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("crl.der", "old");

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, "new"u8.ToArray(), null, overwrite: false, CancellationToken.None));

        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Equal(["crl.der"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_ExistingWithOverwrite_ReplacesIt()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("crl.der", "old");

        await AtomicFile.WriteAsync(path, "new"u8.ToArray(), null, overwrite: true, CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Write_Cancelled_LeavesTargetAndNoTempFile()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("cert.pem", "old");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, "new"u8.ToArray(), null, overwrite: true, cancelled.Token));

        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Equal(["cert.pem"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Install_NoTarget_StagedFileTakesTheName()
    {
        using var directory = new TempDirectory();
        var staged = directory.Write("db.loading", "built");

        AtomicFile.Install(staged, directory.File("db"));

        Assert.Equal("built", await File.ReadAllTextAsync(directory.File("db")));
        Assert.Equal(["db"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Install_TargetExists_RefusedAndBothFilesKept()
    {
        using var directory = new TempDirectory();
        var staged = directory.Write("db.loading", "built");
        var target = directory.Write("db", "someone else's");

        var error = Assert.Throws<IOException>(() => AtomicFile.Install(staged, target));

        Assert.Contains("File exists", error.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's", await File.ReadAllTextAsync(target));
        Assert.Equal("built", await File.ReadAllTextAsync(staged));
    }
}
