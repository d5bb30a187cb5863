using Certwright.Certificates;
using Certwright.Internal;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Internal;

public sealed class BoundedFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ReadAllBytes_SmallFile_ReturnsContent()
    {
        var path = _temp.Write("a.txt", "hello");

        Assert.Equal("hello"u8.ToArray(), await BoundedFile.ReadAllBytesAsync(path, 5, "test file", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAllBytes_EndlessDevice_StopsAtTheCap()
    {
        // /dev/zero reports size 0 and never ends: only a read-side cap protects memory.
        var error = await Assert.ThrowsAsync<CertwrightException>(() => BoundedFile.ReadAllBytesAsync("/dev/zero", 1 << 20, "CA file", CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("CA file '/dev/zero' is larger than 1048576 bytes; that is not a CA file", error.Message);
    }

    [Fact]
    public async Task ReadAllBytes_Directory_SaysSo()
    {
        var error = await Assert.ThrowsAsync<CertwrightException>(() => BoundedFile.ReadAllBytesAsync(_temp.Path, 10, "password file", CancellationToken.None));

        Assert.Equal($"password file '{_temp.Path}' is a directory; give a file", error.Message);
    }

    [Fact]
    public async Task ReadAllBytes_Missing_NamesThePath()
    {
        var missing = _temp.File("nope.pem");

        var error = await Assert.ThrowsAsync<CertwrightException>(() => BoundedFile.ReadAllBytesAsync(missing, 10, "CA file", CancellationToken.None));

        Assert.Equal($"CA file '{missing}' does not exist; check the path", error.Message);
    }

    [Fact]
    public async Task PasswordSourceFromFile_EndlessDevice_IsRefusedNotLoaded()
    {
        var error = await Assert.ThrowsAsync<CertwrightException>(() => PasswordSource.FromFileAsync("/dev/zero", CancellationToken.None));

        Assert.Contains("is larger than 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrustStoreLoadFile_EndlessDevice_IsRefusedNotLoaded()
    {
        var error = await Assert.ThrowsAsync<CertwrightException>(() => TrustStore.LoadFileAsync("/dev/zero"));

        Assert.Contains($"is larger than {TrustStore.MaxFileSize} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerReader_Directory_IsAProblemNotAnAccessError()
    {
        var result = await new CertificateContainerReader().ReadFileAsync(_temp.Path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal($"{_temp.Path}: is a directory; give a file here (import takes directories)", problem.Message);
    }
}
