using Certwright.Keys;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Keys;

public class KeyPassphraseTests
{
    [Fact]
    public async Task ResolveAsync_File_UsesFirstLineWithoutNewline()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass", "correct horse battery\nsecond line\n");

        using var passphrase = await KeyPassphrase.ResolveAsync(file, "from-environment", CancellationToken.None);

        Assert.Equal("correct horse battery", new string(passphrase.Value));
    }

    [Fact]
    public async Task ResolveAsync_NoFile_UsesEnvironmentValue()
    {
        using var passphrase = await KeyPassphrase.ResolveAsync(null, "environment passphrase", CancellationToken.None);

        Assert.Equal("environment passphrase", new string(passphrase.Value));
    }

    [Fact]
    public async Task ResolveAsync_Neither_UsageErrorNamingBothSources()
    {
        var e = await Assert.ThrowsAsync<CertwrightException>(() => KeyPassphrase.ResolveAsync(null, null, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal("no key passphrase: give --key-passphrase-file FILE or set CERTWRIGHT_KEY_PASSPHRASE", e.Message);
    }

    [Fact]
    public async Task ResolveAsync_ShortPassphraseInFile_ErrorNamesFileNotPassphrase()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass", "s3cret\n");

        var e = await Assert.ThrowsAsync<CertwrightException>(() => KeyPassphrase.ResolveAsync(file, null, CancellationToken.None));

        Assert.Equal($"the key passphrase from key passphrase file '{file}' is shorter than 8 characters; use a longer one", e.Message);
        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_HugeFile_UsageErrorWithoutReadingItAll()
    {
        var e = await Assert.ThrowsAsync<CertwrightException>(() => KeyPassphrase.ResolveAsync("/dev/zero", null, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal("key passphrase file '/dev/zero' is larger than 4096 bytes; that is not a key passphrase file", e.Message);
    }
}
