using System.Net;
using System.Net.Sockets;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning;

/// <summary>Scanning over IPv6 loopback (::1), which these tests require.</summary>
public sealed class Ipv6ScanTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TestCertificate _root = TestPki.CreateRoot("IPv6 Test Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10));
    private TestCertificate _leaf = null!;
    private BackgroundServer? _server;
    private int _port;

    public async Task InitializeAsync()
    {
        Assert.True(
            File.Exists("/proc/net/if_inet6") && File.ReadAllText("/proc/net/if_inet6").Contains("00000000000000000000000000000001", StringComparison.Ordinal),
            "IPv6 loopback ::1 is not configured on this machine; the scanning tests need it (e.g. sysctl net.ipv6.conf.lo.disable_ipv6=0).");
        _leaf = TestPki.CreateLeaf(_root, "ip6.test", ["ip6.test"], [IPAddress.IPv6Loopback]);
        _port = FreePort.Next();
        var cert = _directory.Write("leaf.crt", _leaf.CertificatePem);
        var key = _directory.Write("leaf.key", _leaf.PrivateKeyPem);
        var chain = _directory.Write("chain.pem", _root.CertificatePem);
        _server = await OpenSslServer.StartAsync(_port, cert, key, ["-cert_chain", chain], listenHost: "::1");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task ScanAsync_BracketedIpv6Loopback_ConnectsOverIpv6WithoutSni()
    {
        var target = ScanTarget.Parse($"[::1]:{_port}");

        var result = await new EndpointScanner().ScanAsync(target);

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Null(target.ServerName);
        Assert.Equal(AddressFamily.InterNetworkV6, result.ConnectedEndPoint?.AddressFamily);
        Assert.Equal(IPAddress.IPv6Loopback, result.ConnectedEndPoint?.Address);
        Assert.Equal(_leaf.Der, result.PresentedChain[0]);
        Assert.Equal(_root.Der, result.PresentedChain[1]);
    }

    [Fact]
    public async Task ScanAsync_Ipv6WithSniOverride_Succeeds()
    {
        var result = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"[::1]:{_port}", serverName: "ip6.test"));

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal("ip6.test", result.Target.ServerName);
        Assert.Equal($"[::1]:{_port}", result.Target.ToString());
    }
}
