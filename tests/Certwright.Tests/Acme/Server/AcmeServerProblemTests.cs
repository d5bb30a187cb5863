using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Certwright.Tests.Acme.Server;

/// <summary>Every refusal is a problem document with the RFC 8555 type and a fresh nonce, never an HTTP 500.</summary>
public sealed class AcmeServerProblemTests : IAsyncLifetime
{
    private AcmeTestServer _server = null!;
    private TestAcmeClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await AcmeTestServer.StartAsync();
        _client = _server.Client();
        await _client.LoadDirectoryAsync();
        Assert.Equal(201, (await _client.NewAccountAsync()).Status);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Post_NotAJws_Malformed()
    {
        using var http = new HttpClient();
        using var content = new StringContent("{not json", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/jose+json");

        using var response = await http.PostAsync(_client["newOrder"], content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"type\": \"urn:ietf:params:acme:error:malformed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(response.Headers.GetValues("Replay-Nonce"));
    }

    [Fact]
    public async Task Post_WrongContentType_Malformed415()
    {
        var answer = await _client.PostAsync(_client["newOrder"], "{}", contentType: "application/json");

        Assert.Equal(415, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:malformed", answer.ProblemType);
    }

    [Fact]
    public async Task Post_UnknownNonce_BadNonceWithFreshNonce()
    {
        var answer = await _client.PostAsync(_client["newOrder"], """{"identifiers":[{"type":"dns","value":"app.test"}]}""", nonce: "bm90LWEtbm9uY2U");

        Assert.Equal(400, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:badNonce", answer.ProblemType);
        Assert.Equal(22, answer.Nonce.Length);
    }

    [Fact]
    public async Task Post_NonceUsedTwice_SecondIsBadNonce()
    {
        var nonce = await _client.NewNonceAsync();
        var first = await _client.PostAsync(_client.AccountUrl!, null, nonce: nonce);

        var second = await _client.PostAsync(_client.AccountUrl!, null, nonce: nonce);

        Assert.Equal(200, first.Status);
        Assert.Equal("urn:ietf:params:acme:error:badNonce", second.ProblemType);
    }

    [Fact]
    public async Task Post_UnknownAccount_AccountDoesNotExist()
    {
        var url = _client["newOrder"];
        var kid = _client["newAccount"].Replace("new-account", "acct/" + new string('a', 32), StringComparison.Ordinal);
        var body = _client.Sign(url, """{"identifiers":[{"type":"dns","value":"app.test"}]}""", await _client.NewNonceAsync(), useJwk: false, _client.Key, kid);

        var answer = await PostRawAsync(url, body);

        Assert.Equal(400, answer.Status);
        Assert.Contains("urn:ietf:params:acme:error:accountDoesNotExist", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SignedByAnotherKey_MalformedSignature()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var answer = await _client.PostAsync(_client.AccountUrl!, null, key: other);

        Assert.Equal(400, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:malformed", answer.ProblemType);
        Assert.Equal("the JWS signature does not verify with the account key", answer.Detail);
    }

    [Fact]
    public async Task Post_UrlNotTheRequestUrl_Unauthorized()
    {
        var body = _client.Sign(_client["newOrder"], "{}", await _client.NewNonceAsync(), useJwk: false, _client.Key);

        var answer = await PostRawAsync(_client["revokeCert"], body);

        Assert.Equal(403, answer.Status);
        Assert.Contains("urn:ietf:params:acme:error:unauthorized", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"identifiers":[{"type":"dns","value":"*.app.test"}]}""", "rejectedIdentifier", "'*.app.test' is a wildcard, which needs dns-01; this server validates with http-01 only")]
    [InlineData("""{"identifiers":[{"type":"dns","value":"under_score.test"}]}""", "rejectedIdentifier", "'under_score.test' is not a fully qualified DNS name")]
    [InlineData("""{"identifiers":[{"type":"ip","value":"127.0.0.1"}]}""", "unsupportedIdentifier", "identifier type 'ip' is not supported; this server issues for 'dns' identifiers")]
    [InlineData("""{"identifiers":[]}""", "malformed", "newOrder needs 'identifiers': an array of 1 to 100 objects")]
    [InlineData("""{"identifiers":[{"type":"dns","value":"app.test"}],"notAfter":"2030-01-01T00:00:00Z"}""", "malformed", "this server does not take notBefore/notAfter; certificates get the validity of profile 'server'")]
    public async Task NewOrder_BadIdentifiers_Problem(string payload, string type, string detail)
    {
        var answer = await _client.PostAsync(_client["newOrder"], payload);

        Assert.Equal(400, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:" + type, answer.ProblemType);
        Assert.Equal(detail, answer.Detail);
    }

    [Fact]
    public async Task Finalize_CsrWithNameNotInOrder_BadCsr()
    {
        var order = await _server.ReadyOrderAsync(_client, "app.test");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var answer = await _client.PostAsync(order + "/finalize", $"{{\"csr\":\"{Base64Url.EncodeToString(AcmeTestServer.Csr(key, "app.test", "evil.test"))}\"}}");
        var after = await _client.PostAsync(order, null);

        Assert.Equal(400, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:badCSR", answer.ProblemType);
        Assert.Equal("the CSR names app.test, evil.test but the order is for app.test; make a CSR for exactly the order's names", answer.Detail);
        Assert.Equal("ready", after.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Finalize_CsrWithBadSignature_BadCsr()
    {
        var order = await _server.ReadyOrderAsync(_client, "app.test");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = AcmeTestServer.Csr(key, "app.test");
        csr[^5] ^= 0x01;

        var answer = await _client.PostAsync(order + "/finalize", $"{{\"csr\":\"{Base64Url.EncodeToString(csr)}\"}}");

        Assert.Equal(400, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:badCSR", answer.ProblemType);
    }

    [Fact]
    public async Task Order_OfAnotherAccount_Unauthorized()
    {
        var order = await _client.NewOrderAsync("app.test");
        using var other = _server.Client();
        await other.LoadDirectoryAsync();
        await other.NewAccountAsync();

        var answer = await other.PostAsync(order.Location!, null);

        Assert.Equal(403, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", answer.ProblemType);
    }

    [Fact]
    public async Task NewAccount_OnlyReturnExistingForUnknownKey_AccountDoesNotExist()
    {
        using var other = _server.Client();
        await other.LoadDirectoryAsync();

        var answer = await other.NewAccountAsync("""{"onlyReturnExisting":true}""");

        Assert.Equal(400, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:accountDoesNotExist", answer.ProblemType);
    }

    [Fact]
    public async Task Get_PostOnlyResourceAndUnknownCa_MethodNotAllowedAndNotFound()
    {
        using var http = new HttpClient();
        using var get = await http.GetAsync(_client["newOrder"]);
        using var unknown = await http.GetAsync(_server.DirectoryUrl.Replace("/corp/", "/nope/", StringComparison.Ordinal));

        Assert.Equal(405, (int)get.StatusCode);
        Assert.Equal("POST", get.Content.Headers.Allow.Single());
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Contains("no ACME directory for CA 'nope'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"protected":"!!!","payload":"","signature":""}""", "malformed")]
    [InlineData("""{"protected":"W10","payload":"","signature":""}""", "malformed")]
    [InlineData("""{"payload":"","signature":""}""", "malformed")]
    [InlineData("""[1,2,3]""", "malformed")]
    [InlineData("""{"protected":"eyJhbGciOiJub25lIn0","payload":"","signature":""}""", "badSignatureAlgorithm")]
    public async Task Post_BrokenJws_ProblemNot500(string body, string type)
    {
        var answer = await PostRawAsync(_client["newOrder"], body);

        Assert.Equal(400, answer.Status);
        Assert.Contains("urn:ietf:params:acme:error:" + type, answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kty":5}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"AAAA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}""")]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""")]
    public async Task NewAccount_UnusableJwk_ProblemNot500(string jwk)
    {
        var url = _client["newAccount"];
        var header = TestAcmeClient.B64($"{{\"alg\":\"ES256\",\"nonce\":\"{await _client.NewNonceAsync()}\",\"url\":\"{url}\",\"jwk\":{jwk}}}");
        var body = $"{{\"protected\":\"{header}\",\"payload\":\"{TestAcmeClient.B64("{}")}\",\"signature\":\"AAAA\"}}";

        var answer = await PostRawAsync(url, body);

        Assert.Equal(400, answer.Status);
        Assert.Contains("urn:ietf:params:acme:error:", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"account":"x","oldKey":{"kty":7}}""")]
    [InlineData("""not json""")]
    public async Task KeyChange_BrokenInnerPayload_MalformedNot500(string innerPayload)
    {
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var url = _client["keyChange"];
        var inner = _client.Sign(url, innerPayload, nonce: null, useJwk: true, newKey);

        var answer = await _client.PostAsync(url, inner);

        Assert.Equal(400, answer.Status);
        Assert.Equal("urn:ietf:params:acme:error:malformed", answer.ProblemType);
    }

    [Fact]
    public async Task Post_BodyOver64KiB_Malformed413()
    {
        var answer = await PostRawAsync(_client["newOrder"], new string('x', 70 * 1024));

        Assert.Equal(413, answer.Status);
        Assert.Contains("the request body is larger than 65536 bytes", answer.Body, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Body)> PostRawAsync(string url, string body)
    {
        using var http = new HttpClient();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/jose+json");
        using var response = await http.PostAsync(url, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
