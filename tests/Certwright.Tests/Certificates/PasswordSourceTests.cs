using Certwright.Certificates;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

public sealed class PasswordSourceTests
{
    [Fact]
    public async Task FromFileAsync_LinesWithCrlfAndBlanks_ConfiguredInOrderThenDefaults()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("passwords.txt", "\uFEFFfirst\r\n\r\n second with spaces \nchangeit\nlast");

        var source = await PasswordSource.FromFileAsync(path, CancellationToken.None);

        Assert.True(source.HasConfiguredPasswords);
        Assert.Equal(["first", " second with spaces ", "changeit", "last", ""], source.Candidates);
        Assert.Equal("4 configured password(s)", source.ToString());
    }

    [Fact]
    public async Task FromFileAsync_Missing_UsageErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "certwright-no-such-password-file");

        var error = await Assert.ThrowsAsync<CertwrightException>(() => PasswordSource.FromFileAsync(path, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"password file '{path}' does not exist; check the path", error.Message);
    }

    [Fact]
    public void FromEnvironment_SetAndUnset()
    {
        var set = PasswordSource.FromEnvironment(name => name == PasswordSource.EnvironmentVariable ? "from-env" : null);
        var unset = PasswordSource.FromEnvironment(_ => null);

        Assert.Equal(["from-env", "", "changeit"], set.Candidates);
        Assert.False(unset.HasConfiguredPasswords);
        Assert.Equal(["", "changeit"], unset.Candidates);
        Assert.Equal(["a", "b", "", "changeit"], PasswordSource.FromPasswords(["a"]).Combine(PasswordSource.FromPasswords(["b"])).Candidates);
    }
}
