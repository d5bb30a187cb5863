using Certwright.Inventory;

namespace Certwright.Tests.Inventory;

public sealed class SightingLocationTests
{
    [Theory]
    [InlineData("localhost:443", "localhost", "localhost:443")]
    [InlineData("LocalHost:443", "localhost", "LocalHost:443")]
    [InlineData("127.0.0.1:8443", "api.example.test", "127.0.0.1:8443 (SNI api.example.test)")]
    [InlineData("local:443", "localhost", "local:443 (SNI localhost)")]
    [InlineData("localhostx:443", "localhost", "localhostx:443 (SNI localhost)")]
    public void ToString_ShowsSniOnlyWhenItDiffersFromTheHost(string address, string serverName, string expected)
    {
        Assert.Equal(expected, new SightingLocation(SightingKind.Endpoint, address, serverName).ToString());
    }

    [Fact]
    public void ToString_FileWithDetail_ShowsTheEntry()
    {
        Assert.Equal("/srv/keystore.p12 [server]", new SightingLocation(SightingKind.File, "/srv/keystore.p12", Detail: "server").ToString());
    }
}
