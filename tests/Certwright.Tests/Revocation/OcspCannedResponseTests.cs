using Certwright.Policy;
using Certwright.Revocation;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Revocation;

/// <summary>
/// OCSP responses made offline by <c>openssl ocsp -respout</c> (or hostile bytes) served by a loopback HTTP server
/// that records each request: the request method, nonce checks, size caps, the cache and stapled responses.
/// </summary>
public sealed class OcspCannedResponseTests : IAsyncLifetime
{
    private OpenSslTestCa _ca = null!;
    private LoopbackHttpServer _server = null!;
    private int _port;
    private IssuedCertificate _good = null!;
    private IssuedCertificate _revoked = null!;

    public async Task InitializeAsync()
    {
        _ca = await OpenSslTestCa.CreateAsync();
        _server = new LoopbackHttpServer();
        _port = _server.Port;
        _good = await _ca.IssueAsync("good.test", $"http://127.0.0.1:{_port}/ocsp", crlUrl: null);
        _revoked = await _ca.IssueAsync("revoked.test", $"http://127.0.0.1:{_port}/ocsp", crlUrl: null);
        await _ca.RevokeAsync(_revoked, "cessationOfOperation");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task CheckAsync_PreferGet_SendsGetWithBase64RequestInPath()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_good), "application/ocsp-response");
        using var sut = new RevocationChecker(new RevocationOptions { PreferGet = true }, TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.True(result.Status == RevocationStatus.Good, result.Detail);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.StartsWith("/ocsp/", request.Path, StringComparison.Ordinal);
        var der = Convert.FromBase64String(Uri.UnescapeDataString(request.Path["/ocsp/".Length..]));
        var sent = Assert.Single(new Org.BouncyCastle.Ocsp.OcspReq(der).GetRequestList());
        Assert.Equal(_good.Record.SerialNumber, sent.GetCertID().SerialNumber.ToString(16).ToUpperInvariant());
    }

    [Fact]
    public async Task CheckAsync_PreferGetOff_SendsPostWithOcspRequestContentType()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_good), "application/ocsp-response");
        using var sut = new RevocationChecker(new RevocationOptions { PreferGet = false }, TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.True(result.Status == RevocationStatus.Good, result.Detail);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/ocsp", request.Path);
        Assert.Equal("application/ocsp-request", request.ContentType);
        Assert.True(request.BodyLength > 50);
    }

    [Fact]
    public async Task CheckAsync_ResponseWithAnotherNonce_IsRejectedAsReplay()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_good, withNonce: true));
        using var sut = new RevocationChecker(new RevocationOptions { UseNonce = true }, TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.EndsWith("the response carries a different nonce than the one sent (a replayed response)", result.Detail, StringComparison.Ordinal);
        Assert.Equal([FindingCodes.OcspUnreachable], result.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_NonceSentButNotEchoed_IsRejected()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_good, withNonce: false));
        using var sut = new RevocationChecker(new RevocationOptions { UseNonce = true }, TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.EndsWith("the response does not echo the nonce that was sent (a replayed or pre-signed response)", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_GarbageBody_IsUnavailableWithDetail()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving("<html>hello</html>"u8.ToArray(), "text/html");
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains("the response is not a readable OCSP response (18 bytes)", result.Detail, StringComparison.Ordinal);
        Assert.Equal([FindingCodes.OcspUnreachable], result.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task CheckAsync_HttpError_IsUnavailableWithStatus()
    {
        var server = _server;
        server.Reply = _ => new HttpReply(503, "busy"u8.ToArray());
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains("answered HTTP 503", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "sent 2097152 bytes, over the limit of 1048576")]
    [InlineData(true, "sent more than 1048576 bytes; the limit stops reading there")]
    public async Task CheckAsync_OversizedBody_StopsAtTheCap(bool chunked, string expected)
    {
        var server = _server;
        server.Reply = _ => new HttpReply(200, new byte[2 * 1024 * 1024], Chunked: chunked);
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains(expected, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ResponderAcceptsButNeverAnswers_TimesOut()
    {
        // A listener that accepts (the kernel completes the handshake) and never reads or answers.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var silent = await _ca.IssueAsync("silent.test", $"http://127.0.0.1:{port}/ocsp", crlUrl: null);
        try
        {
            using var sut = new RevocationChecker(new RevocationOptions { RequestTimeout = TimeSpan.FromSeconds(1), PreferGet = false }, TimeProvider.System);
            var watch = System.Diagnostics.Stopwatch.StartNew();

            var result = await sut.CheckAsync(silent.Record, _ca.Record, null, OcspResponderTests.Timeout());

            Assert.Equal(RevocationStatus.Unavailable, result.Status);
            Assert.Equal($"OCSP http://127.0.0.1:{port}/ocsp: http://127.0.0.1:{port}/ocsp did not answer within 1 s", result.Detail);
            Assert.Equal([FindingCodes.OcspUnreachable], result.Findings.Select(f => f.Code));
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task CheckAsync_SecondCheckBeforeNextUpdate_ComesFromTheCache()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_revoked, validMinutes: 60));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new RevocationChecker(new RevocationOptions(), time);

        var first = await sut.CheckAsync(_revoked.Record, _ca.Record, null, OcspResponderTests.Timeout());
        time.Advance(TimeSpan.FromMinutes(30));
        var second = await sut.CheckAsync(_revoked.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Revoked, first.Status);
        Assert.Equal(RevocationStatus.Revoked, second.Status);
        Assert.Equal("cessationOfOperation", second.Reason);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CheckAsync_ResponsePastNextUpdate_IsStaleNotGood()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_good, validMinutes: 10));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        using var sut = new RevocationChecker(new RevocationOptions(), time);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains("the response is stale: its nextUpdate", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ResponseFromTheFuture_IsRejected()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_good));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        using var sut = new RevocationChecker(new RevocationOptions(), time);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains("is in the future", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ResponseForAnotherCertificate_HasNoStatusForThisOne()
    {
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_revoked));
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_good.Record, _ca.Record, null, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Contains($"the response has no status for serial {_good.Record.SerialNumber} of issuer 'CN=Revocation Test CA'", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, RevocationStatus.Good)]
    [InlineData(true, RevocationStatus.Revoked)]
    public async Task CheckAsync_ValidStapledResponse_AnswersWithoutContactingTheResponder(bool revoked, RevocationStatus expected)
    {
        var certificate = revoked ? _revoked : _good;
        var stapled = await _ca.OcspResponseAsync(certificate);
        var server = _server;
        server.Reply = _ => new HttpReply(500, []);
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(certificate.Record, _ca.Record, stapled, OcspResponderTests.Timeout());

        Assert.Equal(expected, result.Status);
        Assert.Equal(RevocationSource.Stapled, result.Source);
        Assert.Null(result.Url);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CheckAsync_StapledResponseSignedByUnrelatedKey_FallsBackToTheResponder()
    {
        var forged = await _ca.OcspResponseAsync(_revoked, signer: _ca.Unrelated);
        var server = _server;
        server.Reply = LoopbackHttpServer.Serving(await _ca.OcspResponseAsync(_revoked));
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(_revoked.Record, _ca.Record, forged, OcspResponderTests.Timeout());

        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal(RevocationSource.Ocsp, result.Source);
        Assert.StartsWith("stapled OCSP response rejected: the response is not signed by the issuer", result.Detail, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}
