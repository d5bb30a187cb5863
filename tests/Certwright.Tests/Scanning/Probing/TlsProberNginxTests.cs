using Certwright.Certificates;
using Certwright.Scanning;
using Certwright.Scanning.Probing;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>The prober against real nginx configurations, checked against sslscan and testssl.sh on the same ports.</summary>
public sealed class TlsProberNginxTests : IClassFixture<ProbeSitesFixture>
{
    private readonly ProbeSitesFixture _sites;

    public TlsProberNginxTests(ProbeSitesFixture sites)
    {
        _sites = sites;
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("tls13")]
    [InlineData("weak")]
    [InlineData("rsa1024")]
    [InlineData("mtls")]
    public async Task ProbeAsync_NginxSite_ProtocolsSuitesAndGroupsAgreeWithSslscan(string site)
    {
        var port = _sites.Ports[site];

        var result = await ProbeAsync(port);
        var (versions, suites, groups) = await ReferenceScanners.SslscanAsync(port);

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.Equal(versions.Order(), result.AcceptedVersions.Order());
        foreach (var protocol in result.Protocols.Where(p => p.Accepted))
        {
            Assert.True(protocol.CipherSuitesEnumerated, protocol.EnumerationError);
            Assert.Equal(suites[protocol.Version].Order(), protocol.CipherSuites.Select(s => s.Code).Order());
            if (protocol.GroupsTested)
            {
                Assert.Equal(groups.GetValueOrDefault(protocol.Version, []).Order(), protocol.Groups.Select(g => g.Code).Order());
            }
        }
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("tls13")]
    public async Task ProbeAsync_NginxSite_ProtocolsAgreeWithTestssl(string site)
    {
        var port = _sites.Ports[site];

        var result = await ProbeAsync(port, protocolsOnly: true);
        var offered = await ReferenceScanners.TestsslProtocolsAsync(port, _sites.Directory);

        Assert.Equal(offered.Order(), result.AcceptedVersions.Order());
    }

    [Fact]
    public async Task ProbeAsync_LegacySite_FindsTls10To12AndNoTls13()
    {
        var result = await ProbeAsync(_sites.Ports["legacy"]);

        Assert.Equal([TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12], result.AcceptedVersions);
        Assert.Equal("alert protocol_version", result.Protocols.Single(p => p.Version == TlsVersion.Tls13).Refusal);
        Assert.Contains(result.Protocols.Single(p => p.Version == TlsVersion.Tls12).Groups, g => g.Name == "x25519");
    }

    [Fact]
    public async Task ProbeAsync_Tls13OnlySite_FindsTheThreeDefaultSuitesAndGroupsButNoMlKem()
    {
        var result = await ProbeAsync(_sites.Ports["tls13"]);

        var tls13 = Assert.Single(result.Protocols, p => p.Accepted);
        Assert.Equal(TlsVersion.Tls13, tls13.Version);
        Assert.Equal(["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"], tls13.CipherSuites.Select(s => s.IanaName).Order());
        Assert.True(tls13.GroupsTested);
        Assert.Equal(
            ["ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192", "secp256r1", "secp384r1", "secp521r1", "x25519", "x448"],
            tls13.Groups.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(tls13.Groups, g => g.PostQuantum);
    }

    [Fact]
    public async Task ProbeAsync_WeakSite_FindsNullAndCbcSuitesOnly()
    {
        var result = await ProbeAsync(_sites.Ports["weak"]);

        var tls12 = Assert.Single(result.Protocols, p => p.Accepted);
        Assert.Equal(["AES128-SHA", "AES256-SHA256", "NULL-SHA"], tls12.CipherSuites.Select(s => s.OpenSslName).Order(StringComparer.Ordinal));
        Assert.Contains(tls12.CipherSuites, s => s.IsNullEncryption);
        Assert.DoesNotContain(tls12.CipherSuites, s => s.IsAead || s.ForwardSecrecy);
    }

    [Fact]
    public async Task Evaluate_WeakSiteProbe_WeakCipherForNullCbcOnlyAndNoForwardSecrecy()
    {
        var result = await ProbeAsync(_sites.Ports["weak"]);

        var findings = Certwright.Policy.TlsConfigurationPolicy.Evaluate(result);

        var weak = findings.Where(f => f.Code == Certwright.Policy.FindingCodes.WeakCipher).ToArray();
        Assert.Contains(weak, f => f.Severity == Certwright.Policy.Severity.Critical && f.Message.Contains("NULL-SHA", StringComparison.Ordinal));
        Assert.Contains(weak, f => f.Severity == Certwright.Policy.Severity.Warning && f.Message.Contains("AEAD", StringComparison.Ordinal));
        Assert.Contains(weak, f => f.Severity == Certwright.Policy.Severity.Warning && f.Message.Contains("forward secre", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Code == Certwright.Policy.FindingCodes.WeakProtocol);
    }

    [Fact]
    public async Task Evaluate_LegacySiteProbe_WeakProtocolForTls10AndTls11()
    {
        var result = await ProbeAsync(_sites.Ports["legacy"]);

        var findings = Certwright.Policy.TlsConfigurationPolicy.Evaluate(result);

        var protocols = findings.Where(f => f.Code == Certwright.Policy.FindingCodes.WeakProtocol).ToArray();
        Assert.Equal(2, protocols.Length);
        Assert.Contains(protocols, f => f.Message.Contains("TLSv1.0", StringComparison.Ordinal));
        Assert.Contains(protocols, f => f.Message.Contains("TLSv1.1", StringComparison.Ordinal));
        Assert.All(protocols, f => Assert.Equal(Certwright.Policy.Severity.Warning, f.Severity));
    }

    [Fact]
    public async Task ProbeAsync_ServerEnforcesItsOrder_ListsSuitesInThatOrder()
    {
        var result = await ProbeAsync(_sites.Ports["weak"]);

        var tls12 = Assert.Single(result.Protocols, p => p.Accepted);
        Assert.True(tls12.ServerOrder);
        Assert.Equal(["NULL-SHA", "AES128-SHA", "AES256-SHA256"], tls12.CipherSuites.Select(s => s.OpenSslName));
    }

    [Fact]
    public async Task ProbeAsync_ServerFollowsClientOrder_SaysSoAndListsStrongestFirst()
    {
        var result = await ProbeAsync(_sites.Ports["legacy"]);

        var tls12 = result.Protocols.Single(p => p.Version == TlsVersion.Tls12);
        Assert.False(tls12.ServerOrder);
        Assert.Equal("ECDHE-RSA-AES256-GCM-SHA384", tls12.CipherSuites[0].OpenSslName);
    }

    [Fact]
    public async Task ProbeAsync_ClientCertificateRequired_ListsTheAcceptableCaNames()
    {
        var result = await ProbeAsync(_sites.Ports["mtls"]);

        Assert.True(result.ClientCertificateRequested);
        Assert.Equal(
            ["CN=Client CA One", "CN=Client CA Two"],
            result.ClientCertificateAuthorities.Select(n => DistinguishedNameFormatter.Format(n, out _)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProbeAsync_NoClientCertificateRequired_ReportsNone()
    {
        var result = await ProbeAsync(_sites.Ports["legacy"]);

        Assert.False(result.ClientCertificateRequested);
        Assert.Empty(result.ClientCertificateAuthorities);
    }

    private static async Task<TlsProbeResult> ProbeAsync(int port, bool protocolsOnly = false)
    {
        using var prober = new TlsProber(new TlsProberOptions { ProtocolsOnly = protocolsOnly, ReadTimeout = TimeSpan.FromSeconds(5) });
        return await prober.ProbeAsync(new ScanTarget("127.0.0.1", port));
    }
}
