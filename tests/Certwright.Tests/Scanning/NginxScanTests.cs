using System.Security.Cryptography;
using Certwright.Scanning;

namespace Certwright.Tests.Scanning;

/// <summary>SNI selection and multi-target scans against a real nginx.</summary>
public sealed class NginxScanTests : IClassFixture<NginxSitesFixture>
{
    private readonly NginxSitesFixture _nginx;

    public NginxScanTests(NginxSitesFixture nginx)
    {
        _nginx = nginx;
    }

    [Theory]
    [InlineData("a.test")]
    [InlineData("b.test")]
    public async Task ScanAsync_SniOverride_SelectsThatServerBlock(string serverName)
    {
        var target = ScanTarget.Parse($"127.0.0.1:{_nginx.NamedPort}", serverName: serverName);

        var result = await new EndpointScanner().ScanAsync(target);

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal(serverName, target.ServerName);
        Assert.Equal(Fingerprint(_nginx.Certificates[serverName].Der), Fingerprint(result.PresentedChain[0]));
        Assert.Equal(Fingerprint(_nginx.Root.Der), Fingerprint(result.PresentedChain[1]));
    }

    [Fact]
    public async Task ScanAsync_IpLiteralWithoutSni_GetsTheDefaultServer()
    {
        var target = ScanTarget.Parse($"127.0.0.1:{_nginx.NamedPort}");

        var result = await new EndpointScanner().ScanAsync(target);

        Assert.Null(target.ServerName);
        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal(Fingerprint(_nginx.Certificates["default.test"].Der), Fingerprint(result.PresentedChain[0]));
    }

    [Fact]
    public async Task ScanAsync_HostName_SendsItAsSni()
    {
        var result = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"localhost:{_nginx.NamedPort}"));

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal(Fingerprint(_nginx.Certificates["localhost"].Der), Fingerprint(result.PresentedChain[0]));
        Assert.Equal("TLSv1.3", result.Protocol);
    }

    [Fact]
    public async Task ScanAsync_HostNameWithSniOverride_SendsTheOverride()
    {
        var result = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"localhost:{_nginx.NamedPort}", serverName: "B.TEST"));

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal("b.test", result.Target.ServerName);
        Assert.Equal(Fingerprint(_nginx.Certificates["b.test"].Der), Fingerprint(result.PresentedChain[0]));
    }

    private static string Fingerprint(byte[] der) => Convert.ToHexStringLower(SHA256.HashData(der));
}
