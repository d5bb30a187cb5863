using Certwright.Monitoring;
using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Revocation;

/// <summary>
/// nginx stapling fixed OCSP responses (<c>ssl_stapling_file</c>, made by <c>openssl ocsp -respout</c>: no network)
/// checked end to end by <see cref="EndpointChecker"/> with a <see cref="RevocationChecker"/>. The certificates'
/// OCSP URL is a loopback server that counts requests, to prove a stapled answer needs no responder.
/// </summary>
public sealed class EndpointRevocationTests : IAsyncLifetime
{
    private OpenSslTestCa _ca = null!;
    private LoopbackHttpServer _responder = null!;
    private NginxServer _nginx = null!;
    private readonly Dictionary<string, (int Port, IssuedCertificate Leaf)> _sites = [];

    public async Task InitializeAsync()
    {
        _ca = await OpenSslTestCa.CreateAsync();
        _responder = new LoopbackHttpServer();
        var url = $"http://127.0.0.1:{_responder.Port}/";
        var good = await _ca.IssueAsync("localhost", url, crlUrl: null);
        var revoked = await _ca.IssueAsync("localhost", url, crlUrl: null);
        var plain = await _ca.IssueAsync("localhost", url, crlUrl: null);
        await _ca.RevokeAsync(revoked, "keyCompromise");
        _responder.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(plain));

        var sites = new List<NginxSite>();
        async Task AddAsync(string name, IssuedCertificate leaf, bool staple)
        {
            var port = FreePort.Next();
            _sites[name] = (port, leaf);
            string? directives = null;
            if (staple)
            {
                var response = _ca.Directory.Write($"{name}.ocsp.der", await _ca.OcspResponseAsync(leaf));
                directives = $"ssl_stapling on; ssl_stapling_file {response};";
            }

            sites.Add(new NginxSite(port, await _ca.FullChainAsync(leaf), leaf.KeyPath, ExtraDirectives: directives));
        }

        await AddAsync("good", good, staple: true);
        await AddAsync("revoked", revoked, staple: true);
        await AddAsync("plain", plain, staple: false);
        _nginx = await NginxServer.StartAsync(sites);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _responder.DisposeAsync();
        _ca.Dispose();
    }

    [Theory]
    [InlineData("good", RevocationStatus.Good)]
    [InlineData("revoked", RevocationStatus.Revoked)]
    public async Task AssessAsync_StapledResponse_DecidesWithoutContactingTheResponder(string site, RevocationStatus expected)
    {
        var report = await CheckAsync(site);

        Assert.NotNull(report.Scan.StapledOcspResponse);
        var revocation = Assert.IsType<RevocationResult>(report.Revocation);
        Assert.True(revocation.Status == expected, revocation.Detail);
        Assert.Equal(RevocationSource.Stapled, revocation.Source);
        Assert.Empty(_responder.Requests);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.NoOcspStapling);
        if (expected == RevocationStatus.Revoked)
        {
            var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.Revoked);
            Assert.Equal(Severity.Critical, finding.Severity);
            Assert.Equal(Severity.Critical, report.Severity);
            Assert.Equal("keyCompromise", revocation.Reason);
        }
        else
        {
            Assert.Empty(report.Findings);
        }
    }

    [Fact]
    public async Task AssessAsync_NoStapledResponse_AsksTheResponderAndNotesMissingStapling()
    {
        var report = await CheckAsync("plain");

        Assert.Null(report.Scan.StapledOcspResponse);
        var revocation = Assert.IsType<RevocationResult>(report.Revocation);
        Assert.True(revocation.Status == RevocationStatus.Good, revocation.Detail);
        Assert.Equal(RevocationSource.Ocsp, revocation.Source);
        Assert.Single(_responder.Requests);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingCodes.NoOcspStapling, Severity.Info), (finding.Code, finding.Severity));
    }

    [Fact]
    public async Task AssessAsync_CheckRevocationOff_LeavesRevocationNull()
    {
        var report = await CheckAsync("revoked", checkRevocation: false);

        Assert.Null(report.Revocation);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.Revoked);
    }

    private async Task<EndpointReport> CheckAsync(string site, bool checkRevocation = true)
    {
        using var revocation = new RevocationChecker(new RevocationOptions(), TimeProvider.System);
        var checker = new EndpointChecker(new EndpointScanner(), new ChainValidator(), TimeProvider.System, store: null) { Revocation = revocation };
        var options = new EndpointCheckOptions
        {
            TrustStore = await TrustStore.LoadFileAsync(_ca.CertificatePath, default),
            Record = false,
            CheckRevocation = checkRevocation,
        };
        var scan = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"localhost:{_sites[site].Port}"));
        Assert.True(scan.Status == ScanStatus.Success, scan.Error);
        return await checker.AssessAsync(scan, options, OcspResponderTests.Timeout());
    }
}
