using Certwright.Authority.Crl;

namespace Certwright.Tests.Authority.Crl;

public sealed class CrlFilesTests
{
    [Fact]
    public void PathFor_CaName_UnderTheCrlFolder()
    {
        Assert.Equal("/data/crl/issuing-1.crl", CrlFiles.PathFor("/data", "issuing-1"));
        Assert.Equal("/data/crl/issuing-1.crl.pem", CrlFiles.PemPathFor("/data", "issuing-1"));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("-lead")]
    [InlineData("Upper")]
    [InlineData("")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void PathFor_NotACaName_ThrowsUsage(string name)
    {
        var e = Assert.Throws<CertwrightException>(() => CrlFiles.PathFor("/data", name));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal($"'{name}' is not a CA name; CA names are 1-63 of a-z, 0-9 and '-', as `certwright ca list` shows", e.Message);
        Assert.False(CrlFiles.IsValidName(name));
    }
}
