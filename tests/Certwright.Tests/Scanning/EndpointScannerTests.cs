using System.Security.Cryptography.X509Certificates;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning;

/// <summary>Scans real <c>openssl s_server</c> endpoints and checks what the scanner captured.</summary>
public sealed class EndpointScannerTests : IClassFixture<OpenSslServersFixture>
{
    private readonly OpenSslServersFixture _servers;

    public EndpointScannerTests(OpenSslServersFixture servers)
    {
        _servers = servers;
    }

    [Fact]
    public async Task ScanAsync_ValidChain_ReturnsLeafThenIntermediateAsSent()
    {
        var result = await ScanAsync("valid");

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Null(result.Error);
        AssertChain(result, _servers.Leaf, _servers.Intermediate);
        Assert.Equal("TLSv1.3", result.Protocol);
        Assert.StartsWith("TLS_", result.CipherSuite, StringComparison.Ordinal);
        Assert.Equal("x25519", result.Group);
        Assert.Equal("127.0.0.1", result.ConnectedEndPoint?.Address.ToString());
        Assert.Equal(_servers.Ports["valid"], result.ConnectedEndPoint?.Port);
        Assert.Null(result.StapledOcspResponse);
        Assert.False(result.ClientCertificateRequested);
        Assert.Empty(result.ClientCertificateAuthorities);
        Assert.True(result.HandshakeDuration > TimeSpan.Zero && result.HandshakeDuration <= result.Duration);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("not-yet-valid")]
    [InlineData("wrong-host")]
    public async Task ScanAsync_InvalidLeaf_StillCapturesWhatWasPresented(string server)
    {
        var result = await ScanAsync(server);

        Assert.Equal(ScanStatus.Success, result.Status);
        var expected = server switch
        {
            "expired" => _servers.Expired,
            "not-yet-valid" => _servers.NotYetValid,
            _ => _servers.WrongHost,
        };
        AssertChain(result, expected, _servers.Intermediate);
    }

    [Fact]
    public async Task ScanAsync_SelfSigned_ReturnsTheSingleCertificate()
    {
        var result = await ScanAsync("self-signed");

        Assert.Equal(ScanStatus.Success, result.Status);
        AssertChain(result, _servers.SelfSigned);
    }

    [Fact]
    public async Task ScanAsync_IncompleteChain_ReturnsLeafOnly()
    {
        var result = await ScanAsync("leaf-only");

        AssertChain(result, _servers.Leaf);
    }

    [Fact]
    public async Task ScanAsync_ChainInWrongOrder_KeepsTheServersOrder()
    {
        var result = await ScanAsync("wrong-order");

        AssertChain(result, _servers.Leaf, _servers.Root, _servers.Intermediate);
    }

    [Fact]
    public async Task ScanAsync_StapledOcspResponse_ReturnsTheExactBytes()
    {
        var result = await ScanAsync("ocsp");

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.NotNull(result.StapledOcspResponse);
        Assert.Equal(_servers.OcspResponse, result.StapledOcspResponse);
    }

    [Fact]
    public async Task ScanAsync_Tls12OnlyServer_ReportsTls12WithIanaAndOpenSslCipherNames()
    {
        var result = await ScanAsync("tls12");

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Equal("TLSv1.2", result.Protocol);
        Assert.Equal("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", result.CipherSuite);
        Assert.Equal("ECDHE-ECDSA-AES256-GCM-SHA384", result.OpenSslCipherName);
        Assert.Equal("x25519", result.Group);
        AssertChain(result, _servers.Leaf, _servers.Intermediate);
    }

    [Fact]
    public async Task ScanAsync_Tls13OnlyServer_ReportsTls13()
    {
        var result = await ScanAsync("tls13");

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Equal("TLSv1.3", result.Protocol);
        Assert.Equal("TLS_AES_256_GCM_SHA384", result.CipherSuite);
    }

    [Fact]
    public async Task ScanAsync_Tls10OnlyServer_StillConnects()
    {
        var result = await ScanAsync("tls10");

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Equal("TLSv1", result.Protocol);
        Assert.Equal("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", result.CipherSuite);
        AssertChain(result, _servers.Leaf, _servers.Intermediate);
    }

    [Theory]
    [InlineData("client-cert", "TLSv1.3")]
    [InlineData("client-cert-tls12", "TLSv1.2")]
    public async Task ScanAsync_ServerRequestsClientCertificate_ReportsRequestAndCaNames(string server, string protocol)
    {
        var result = await ScanAsync(server);

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Equal(protocol, result.Protocol);
        Assert.True(result.ClientCertificateRequested);
        var names = result.ClientCertificateAuthorities.Select(der => new X500DistinguishedName(der).Name).ToList();
        Assert.Equal(["CN=Scan Test Client CA", "CN=Scan Test Root"], names);
    }

    [Fact]
    public async Task ScanAsync_ServerWantsAnotherGroup_FollowsTheHelloRetryRequest()
    {
        // The ClientHello carries an x25519 key share; a P-384-only server answers with a HelloRetryRequest.
        var result = await ScanAsync("p384-only");

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Equal("TLSv1.3", result.Protocol);
        Assert.Equal("secp384r1", result.Group);
        AssertChain(result, _servers.Leaf, _servers.Intermediate);
    }

    [Fact]
    public async Task ScanAsync_ByLocalhostName_ResolvesAndSendsTheName()
    {
        var scanner = new EndpointScanner();

        var result = await scanner.ScanAsync(ScanTarget.Parse($"localhost:{_servers.Ports["valid"]}"));

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Equal("localhost", result.Target.ServerName);
        Assert.True(System.Net.IPAddress.IsLoopback(result.ConnectedEndPoint!.Address));
        AssertChain(result, _servers.Leaf, _servers.Intermediate);
    }

    private Task<EndpointScanResult> ScanAsync(string server)
        => new EndpointScanner().ScanAsync(ScanTarget.Parse($"127.0.0.1:{_servers.Ports[server]}"));

    private static void AssertChain(EndpointScanResult result, params TestCertificate[] expected)
    {
        Assert.True(result.Status == ScanStatus.Success, $"{result.Status}: {result.Error}");
        Assert.Equal(
            expected.Select(c => c.Certificate.Subject + " " + c.Sha256),
            result.PresentedChain.Select(der => Describe(der)));
    }

    private static string Describe(byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return certificate.Subject + " " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));
    }
}
