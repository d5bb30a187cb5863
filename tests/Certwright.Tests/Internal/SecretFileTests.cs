using Certwright.Internal;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Internal;

public sealed class SecretFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("s3cret pass", "s3cret pass")]
    [InlineData("s3cret pass\n", "s3cret pass")]
    [InlineData("s3cret pass\r\nsecond line\n", "s3cret pass")]
    [InlineData("\uFEFFs3cret pass\n", "s3cret pass")]
    [InlineData("  spaced  \n", "  spaced  ")]
    public async Task ReadFirstLineAsync_File_FirstLineWithoutBomOrLineEnding(string content, string expected)
    {
        var path = _temp.Write("secret", content);

        Assert.Equal(expected, new string(await SecretFile.ReadFirstLineAsync(path, "password file", CancellationToken.None)));
        Assert.Equal(expected, SecretFile.ReadFirstLineString(path, "password file"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\uFEFF\nsecret on the second line\n")]
    public async Task ReadFirstLineAsync_EmptyFirstLine_UsageErrorNamingTheFileNotTheContent(string content)
    {
        var path = _temp.Write("secret", content);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => SecretFile.ReadFirstLineStringAsync(path, "PKCS#11 PIN file", CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"PKCS#11 PIN file '{path}' is empty; put the secret on its first line", error.Message);
        Assert.DoesNotContain("second line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFirstLineString_LargeFile_RefusedAsNotASecretFile()
    {
        var error = Assert.Throws<CertwrightException>(() => SecretFile.ReadFirstLineString("/dev/zero", "EAB HMAC key file"));

        Assert.Equal("EAB HMAC key file '/dev/zero' is larger than 4096 bytes; that is not a EAB HMAC key file", error.Message);
    }
}
