using System.Net;
using System.Net.Http.Headers;
using Certwright.Authority;
using Certwright.Authority.Ocsp;
using Certwright.Tests.TestSupport;
using Org.BouncyCastle.Ocsp;

namespace Certwright.Tests.Authority.Ocsp;

/// <summary>The responder over real HTTP (Kestrel), checked by <c>openssl ocsp</c> as the relying party.</summary>
public sealed class OcspHttpTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private OcspHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await OcspHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("-nonce")]
    [InlineData("-no_nonce")]
    public async Task OpensslOcsp_GoodCertificateOverPost_ReportsGoodAndVerifiesTheDelegatedSigner(string nonce)
    {
        var result = await OpenSslOcspAsync("good.pem", nonce);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Response verify OK", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{_server.Files.File("good.pem")}: good", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
        // -resp_text prints the delegated signer the response carries.
        Assert.Contains("OCSP Signing", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("OCSP No Check", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-nonce")]
    [InlineData("-no_nonce")]
    public async Task OpensslOcsp_RevokedCertificateOverPost_ReportsRevokedWithReason(string nonce)
    {
        var result = await OpenSslOcspAsync("revoked.pem", nonce);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Response verify OK", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{_server.Files.File("revoked.pem")}: revoked", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Reason: keyCompromise", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Revocation Time: Jan  2 03:04:05 2026 GMT", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpensslOcsp_UnknownSerial_ReportsUnknown()
    {
        var result = await OpenSsl.TryRunAsync("ocsp", "-issuer", _server.Files.File("ca.pem"), "-serial", "0x0123456789", "-url", OcspUrl, "-CAfile", _server.Files.File("root.pem"), "-timeout", "20");

        Assert.Contains("0x0123456789: unknown", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Response verify OK", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("good.pem", "good")]
    [InlineData("revoked.pem", "revoked")]
    public async Task Get_Base64AndBase64UrlRequests_AnswerTheCachedResponseWithRfc5019Headers(string leaf, string status)
    {
        var requestFile = _server.Files.File(leaf + ".req");
        await OpenSsl.RunAsync("ocsp", "-issuer", _server.Files.File("ca.pem"), "-cert", _server.Files.File(leaf), "-no_nonce", "-reqout", requestFile);
        var request = await File.ReadAllBytesAsync(requestFile);

        using var standard = await Http.GetAsync(new Uri(_server.Url, "ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(request))));
        using var urlSafe = await Http.GetAsync(new Uri(_server.Url, "ocsp/" + System.Buffers.Text.Base64Url.EncodeToString(request)));

        Assert.Equal(HttpStatusCode.OK, standard.StatusCode);
        Assert.Equal(OcspConstants.ResponseContentType, standard.Content.Headers.ContentType?.MediaType);
        Assert.True(standard.Headers.CacheControl?.MaxAge > TimeSpan.FromHours(23), standard.Headers.CacheControl?.ToString());
        Assert.True(standard.Headers.CacheControl?.Public);
        Assert.NotNull(standard.Headers.ETag);
        Assert.NotNull(standard.Content.Headers.LastModified);
        Assert.NotNull(standard.Content.Headers.Expires);
        var body = await standard.Content.ReadAsByteArrayAsync();
        Assert.Equal(body, await urlSafe.Content.ReadAsByteArrayAsync());
        var responseFile = _server.Files.Write(leaf + ".resp", body);
        var verified = await OpenSsl.TryRunAsync("ocsp", "-respin", responseFile, "-issuer", _server.Files.File("ca.pem"), "-cert", _server.Files.File(leaf), "-CAfile", _server.Files.File("root.pem"));
        Assert.Contains("Response verify OK", verified.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{_server.Files.File(leaf)}: {status}", verified.StandardOutput, StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Url, "ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(request))));
        conditional.Headers.IfNoneMatch.Add(standard.Headers.ETag!);
        using var notModified = await Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    public static TheoryData<string, string, string> MalformedPosts => new()
    {
        { "garbage", "application/ocsp-request", "676172626167650a" },
        { "empty", "application/ocsp-request", "" },
        { "truncated", "application/ocsp-request", "3042304030" },
        { "wrong content type", "text/plain", "3003020101" },
    };

    [Theory]
    [MemberData(nameof(MalformedPosts))]
    public async Task Post_MalformedInput_Answers400WithMalformedRequest(string what, string contentType, string hex)
    {
        using var content = new ByteArrayContent(Convert.FromHexString(hex));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await Http.PostAsync(new Uri(_server.Url, "ocsp"), content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        Assert.Equal(OcspRespStatus.MalformedRequest, new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status);
    }

    [Fact]
    public async Task Post_OversizedBody_Answers400WithMalformedRequest()
    {
        using var content = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue(OcspConstants.RequestContentType);

        using var response = await Http.PostAsync(new Uri(_server.Url, "ocsp"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new byte[] { 0x30, 0x03, 0x0A, 0x01, 0x01 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_ChunkedOversizedBody_Answers400WithMalformedRequest()
    {
        using var content = new StreamContent(new MemoryStream(new byte[200 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue(OcspConstants.RequestContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Url, "ocsp")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OcspRespStatus.MalformedRequest, new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status);
    }

    [Theory]
    [InlineData("ocsp/%%%not-base64%%%")]
    [InlineData("ocsp/AAAA")]
    [InlineData("ocsp/")]
    [InlineData("ocsp/MEIwQDA-MDwwOjAJBgUrDgMCGgUABBQ")]
    public async Task Get_BadBase64OrDer_Answers400WithMalformedRequest(string path)
    {
        using var response = await Http.GetAsync(new Uri(_server.Url + path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OcspRespStatus.MalformedRequest, new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status);
    }

    [Fact]
    public async Task OpensslOcsp_RevocationWhileServing_IsReflectedWithinThePollInterval()
    {
        Assert.Contains(": good", (await OpenSslOcspAsync("good.pem", "-no_nonce")).StandardOutput, StringComparison.Ordinal);
        await _server.Store.RevokeAsync(_server.Ca.Name, _server.Good.SerialNumber.ToByteArray(), new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero), RevocationReason.Superseded, CancellationToken.None);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        ProcessResult result;
        do
        {
            result = await OpenSslOcspAsync("good.pem", "-no_nonce");
        }
        while (!result.StandardOutput.Contains(": revoked", StringComparison.Ordinal) && DateTimeOffset.UtcNow < deadline);

        Assert.Contains($"{_server.Files.File("good.pem")}: revoked", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Reason: superseded", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_GetHeadAndPost_OkForProbesOthers405()
    {
        using var get = await Http.GetAsync(new Uri(_server.Url, "/healthz"));
        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(_server.Url, "/healthz")));
        using var post = await Http.PostAsync(new Uri(_server.Url, "/healthz"), new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("ok\n", await get.Content.ReadAsStringAsync());
        Assert.Equal("no-store", get.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Get_CaCertificateAndCrl_ServesDerOr404()
    {
        using var certificate = await Http.GetAsync(new Uri(_server.Url, $"ca/{_server.Ca.Name}.crt"));
        using var missingCrl = await Http.GetAsync(new Uri(_server.Url, $"crl/{_server.Ca.Name}.crl"));
        _server.Files.Write($"crl/{_server.Ca.Name}.crl", [0x30, 0x00]);
        using var crl = await Http.GetAsync(new Uri(_server.Url, $"crl/{_server.Ca.Name}.crl"));
        using var otherCa = await Http.GetAsync(new Uri(_server.Url, "ca/nope.crt"));
        using var traversal = await Http.GetAsync(new Uri(_server.Url + "crl/..%2F..%2Fetc%2Fpasswd.crl"));

        Assert.Equal(_server.Ca.Issuing.GetEncoded(), await certificate.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pkix-cert", certificate.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missingCrl.StatusCode);
        Assert.Equal(new byte[] { 0x30, 0x00 }, await crl.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pkix-crl", crl.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, otherCa.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    private string OcspUrl => new Uri(_server.Url, "ocsp").AbsoluteUri;

    private Task<ProcessResult> OpenSslOcspAsync(string leaf, string nonce) =>
        OpenSsl.TryRunAsync("ocsp", "-issuer", _server.Files.File("ca.pem"), "-cert", _server.Files.File(leaf), "-url", OcspUrl, "-CAfile", _server.Files.File("root.pem"), nonce, "-resp_text", "-timeout", "20");
}
