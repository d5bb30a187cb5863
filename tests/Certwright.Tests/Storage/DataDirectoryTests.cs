using Certwright.Storage;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Storage;

// Data directories are created 0700 on Unix; the suite runs on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryTests
{
    private const string LocalAppData = "/home/alice/.local/share";

    [Fact]
    public void Resolve_ExplicitDirectory_WinsOverEnvironment()
    {
        var resolved = DataDirectory.Resolve("/srv/certwright", Environment(("CERTWRIGHT_DATA", "/env/data"), ("XDG_DATA_HOME", "/xdg")), LocalAppData);

        Assert.Equal("/srv/certwright", resolved);
    }

    [Fact]
    public void Resolve_EnvironmentVariable_UsedWhenNoOption()
    {
        Assert.Equal("/env/data", DataDirectory.Resolve(null, Environment(("CERTWRIGHT_DATA", "/env/data"), ("XDG_DATA_HOME", "/xdg")), LocalAppData));
        Assert.Equal(Path.GetFullPath("relative/data"), DataDirectory.Resolve(" ", Environment(("CERTWRIGHT_DATA", "relative/data")), LocalAppData));
    }

    [Fact]
    public void Resolve_XdgDataHome_UsedWhenAbsolute()
    {
        Assert.Equal("/xdg/certwright", DataDirectory.Resolve(null, Environment(("XDG_DATA_HOME", "/xdg")), LocalAppData));
        Assert.Equal("/home/alice/.local/share/certwright", DataDirectory.Resolve(null, Environment(("XDG_DATA_HOME", "relative/xdg")), LocalAppData));
    }

    [Fact]
    public void Resolve_NothingSet_UsesLocalApplicationData()
    {
        Assert.Equal("/home/alice/.local/share/certwright", DataDirectory.Resolve(null, Environment(("CERTWRIGHT_DATA", "")), LocalAppData));
    }

    [Fact]
    public void Resolve_NoHomeAtAll_ThrowsUsageNamingTheOption()
    {
        var error = Assert.Throws<CertwrightException>(() => DataDirectory.Resolve(null, Environment(), ""));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("cannot find a home for the data directory (HOME and XDG_DATA_HOME are unset); pass --data DIR or set CERTWRIGHT_DATA", error.Message);
    }

    [Fact]
    public void Resolve_RealEnvironment_EndsInCertwrightOrTheVariable()
    {
        var resolved = DataDirectory.Resolve(null);

        var variable = System.Environment.GetEnvironmentVariable("CERTWRIGHT_DATA");
        Assert.Equal(string.IsNullOrWhiteSpace(variable) ? "certwright" : Path.GetFileName(Path.GetFullPath(variable)), Path.GetFileName(resolved));
        Assert.True(Path.IsPathRooted(resolved));
    }

    [Fact]
    public void EnsureExists_MissingNestedDirectory_CreatesItOwnerOnly()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "a", "b", "certwright");

        DataDirectory.EnsureExists(directory);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public void EnsureExists_UnderAFile_ThrowsUsageNamingTheDirectory()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("not-a-dir", "x");

        var error = Assert.Throws<CertwrightException>(() => DataDirectory.EnsureExists(Path.Combine(file, "data")));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.StartsWith($"cannot create data directory '{file}/data': ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; choose another with --data or CERTWRIGHT_DATA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InventoryStoreOpenAsync_MissingDataDirectory_CreatesItAndTheDatabase()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "data");

        await using (var store = await InventoryStore.OpenAsync(new StorageOptions { DataDirectory = directory }, new FakeTimeProvider(), default))
        {
            Assert.Equal(0, (await store.GetStatisticsAsync(default)).Certificates);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.True(File.Exists(Path.Combine(directory, "certwright.db")));
    }

    [Fact]
    public async Task InventoryStoreOpenAsync_BadOptions_ThrowsUsageListingEveryError()
    {
        var options = new StorageOptions { BusyTimeout = TimeSpan.FromHours(1), CacheSizeMiB = 0 };

        var error = await Assert.ThrowsAsync<CertwrightException>(() => InventoryStore.OpenAsync(options, new FakeTimeProvider(), default));

        Assert.Equal(
            "storage busy timeout 01:00:00 must be between 0 and 10 minutes; storage cache size 0 MiB must be between 1 and 4096",
            error.Message);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
