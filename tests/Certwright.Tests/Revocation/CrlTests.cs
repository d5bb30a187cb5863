using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Revocation;

/// <summary>CRL checks against CRLs made by <c>openssl ca -gencrl</c> and served over loopback HTTP.</summary>
public sealed class CrlTests : IAsyncLifetime
{
    private OpenSslTestCa _ca = null!;
    private LoopbackHttpServer _server = null!;
    private int _port;
    private IssuedCertificate _good = null!;
    private IssuedCertificate _revoked = null!;

    private string CrlUrl => $"http://127.0.0.1:{_port}/ca.crl";

    public async Task InitializeAsync()
    {
        _ca = await OpenSslTestCa.CreateAsync();
        _server = new LoopbackHttpServer();
        _port = _server.Port;
        _good = await _ca.IssueAsync("good.test", ocspUrl: null, CrlUrl);
        _revoked = await _ca.IssueAsync("revoked.test", ocspUrl: null, CrlUrl);
        await _ca.RevokeAsync(_revoked, "affiliationChanged");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task CheckAsync_NoOcspUrl_FallsBackToTheCrlAndFindsTheRevokedOne()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.CrlAsync(), "application/pkix-crl");
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var good = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());
        var revoked = await sut.CheckAsync(_revoked.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.True(good.Status == RevocationStatus.Good, good.Detail);
        Assert.Equal(RevocationSource.Crl, good.Source);
        Assert.Equal(CrlUrl, good.Url);
        Assert.Empty(good.Findings);
        Assert.Equal(RevocationStatus.Revoked, revoked.Status);
        Assert.Equal(RevocationSource.Crl, revoked.Source);
        Assert.Equal("affiliationChanged", revoked.Reason);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal([FindingCodes.Revoked], revoked.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_CrlStillFresh_IsDownloadedOnce()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.CrlAsync(hours: 24));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new RevocationChecker(new RevocationOptions(), time);

        await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());
        time.Advance(TimeSpan.FromHours(23));
        var second = await sut.CheckAsync(_revoked.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Revoked, second.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CheckAsync_CachedCrlPastNextUpdate_IsDownloadedAgain()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.CrlAsync(hours: 1));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new RevocationChecker(new RevocationOptions { ClockSkew = TimeSpan.Zero }, time);

        var first = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());
        time.Advance(TimeSpan.FromHours(2));
        var second = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Good, first.Status);
        Assert.Equal(2, server.Requests.Count);
        // The same (now expired) CRL came back: it must not be trusted.
        Assert.Equal(RevocationStatus.Unavailable, second.Status);
        Assert.Contains("is expired: its nextUpdate", second.Detail, StringComparison.Ordinal);
        Assert.Equal([FindingCodes.CrlUnreachable], second.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_CrlSignedByAnotherKeyUnderTheSameName_IsRejected()
    {
        using var impostor = await OpenSslTestCa.CreateAsync(_ca.Subject);
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await impostor.CrlAsync());
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_revoked.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Equal($"CRL {CrlUrl}: the CRL at {CrlUrl} is not signed by the key of 'CN=Revocation Test CA'", result.Detail);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.CrlUnreachable, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public async Task CheckAsync_CrlOfAnotherIssuer_IsRejected()
    {
        using var other = await OpenSslTestCa.CreateAsync("Other CA");
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await other.CrlAsync());
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains("is issued by 'CN=Other CA', not by 'CN=Revocation Test CA'", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ExpiredCrl_IsNotTrusted()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.CrlAsync(hours: 1));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(3));
        using var sut = new RevocationChecker(new RevocationOptions(), time);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains("is expired: its nextUpdate", result.Detail, StringComparison.Ordinal);
        Assert.Equal([FindingCodes.CrlUnreachable], result.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_GarbageCrl_IsUnavailableWithDetail()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving("not a crl"u8.ToArray());
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains($"{CrlUrl} did not send", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_CacheDirectory_SecondProcessReusesTheCrlFromDisk()
    {
        using var cache = new TempDirectory();
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.CrlAsync());
        var options = new RevocationOptions { CacheDirectory = cache.Path };

        using (var first = new RevocationChecker(options, TimeProvider.System))
        {
            Assert.Equal(RevocationStatus.Good, (await first.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout())).Status);
        }

        using var second = new RevocationChecker(options, TimeProvider.System);
        var result = await second.CheckAsync(_revoked.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Single(server.Requests);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(cache.Path, "crl")));
        Assert.EndsWith(".crl", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_OcspUnreachableButCrlAnswers_UsesTheCrlAndSaysWhy()
    {
        var deadPort = FreePort.Next();
        var both = await _ca.IssueAsync("both.test", $"http://127.0.0.1:{deadPort}/", CrlUrl);
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.CrlAsync());
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(both.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal(RevocationSource.Crl, result.Source);
        Assert.StartsWith($"OCSP http://127.0.0.1:{deadPort}/: ", result.Detail, StringComparison.Ordinal);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task CheckAsync_OcspAndCrlBothUnreachable_WarnsOfBoth()
    {
        var both = await _ca.IssueAsync("both.test", $"http://127.0.0.1:{FreePort.Next()}/", CrlUrl);
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(both.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Equal([FindingCodes.OcspUnreachable, FindingCodes.CrlUnreachable], result.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_NoRevocationSources_IsUnavailableWithoutFindings()
    {
        var bare = await _ca.IssueAsync("bare.test", ocspUrl: null, crlUrl: null);
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(bare.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Equal(RevocationSource.None, result.Source);
        Assert.Equal("the certificate names no OCSP responder and no CRL distribution point", result.Detail);
        Assert.Empty(result.Findings);
    }
}
