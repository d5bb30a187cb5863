using System.Text.Json;
using Certwright.Acme.Client;
using Certwright.Acme.Protocol;
using Certwright.Keys;
using Certwright.Tests.Acme.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

/// <summary>Retry-After, rate limits, server errors, nonces and limits against a scripted loopback ACME stub, with recorded (not real) waits.</summary>
public sealed class AcmeClientRetryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private const string OrderJson = """{"status":"pending","identifiers":[{"type":"dns","value":"a.test"}],"authorizations":[],"finalize":"http://127.0.0.1/f"}""";

    private readonly RecordingTimeProvider _time = new(Now);
    private readonly AcmeAccountKey _key = AcmeAccountKey.Generate(KeyType.EcP256);
    private readonly HttpClient _http = new();
    private readonly ListLogger _log = new();

    private AcmeClient CreateSut(AcmeStubServer stub) =>
        new(new AcmeClientOptions { DirectoryUrl = stub.DirectoryUrl, RequestTimeout = TimeSpan.FromHours(1) }, _http, _key, _time, _log)
        {
            AccountUrl = new Uri(stub.BaseUrl, "acct/1"),
        };

    private static StubAnswer Created(string body) =>
        new(201, body, Headers: new Dictionary<string, string> { ["Location"] = "/order/1" });

    [Fact]
    public async Task NewOrderAsync_RateLimitedWithRetryAfter_WaitsRetryAfterThenSucceeds()
    {
        await using var stub = new AcmeStubServer((path, hit) => path == "/new-order" && hit <= 2
            ? StubAnswer.Problem(429, "rateLimited", "too many new orders", new Dictionary<string, string> { ["Retry-After"] = "7" })
            : Created(OrderJson));

        var order = await CreateSut(stub).NewOrderAsync([AcmeIdentifier.Dns("a.test")], null, default);

        Assert.Equal(new Uri(stub.BaseUrl, "order/1"), order.Url);
        Assert.Equal(3, stub.Hits("/new-order"));
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _time.Delays);
        Assert.Equal(
            $"ACME: POST {stub.BaseUrl}new-order failed (rateLimited: too many new orders); attempt 1, retrying in 00:00:07",
            _log.Entries.First(e => e.EventId == 5304).Message);
    }

    [Fact]
    public async Task NewOrderAsync_RetryAfterBeyondCap_FailsAtOnceWithTimeToRetry()
    {
        await using var stub = new AcmeStubServer((_, _) =>
            StubAnswer.Problem(429, "rateLimited", "too many certificates", new Dictionary<string, string> { ["Retry-After"] = "3600" }));

        var error = await Assert.ThrowsAsync<AcmeProtocolException>(() => CreateSut(stub).NewOrderAsync([AcmeIdentifier.Dns("a.test")], null, default));

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(AcmeProblemTypes.RateLimited, error.Problem.Type);
        Assert.Equal($"ACME server http://127.0.0.1:{stub.Port} asks to wait until 2026-11-26T01:00:00Z (rateLimited: too many certificates); try again then", error.Message);
        Assert.Equal(1, stub.Hits("/new-order"));
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task NewOrderAsync_ServerInternalWithoutRetryAfter_ExponentialBackoffThenFails()
    {
        await using var stub = new AcmeStubServer((_, _) => StubAnswer.Problem(500, "serverInternal", "database down"));

        var error = await Assert.ThrowsAsync<AcmeProtocolException>(() => CreateSut(stub).NewOrderAsync([AcmeIdentifier.Dns("a.test")], null, default));

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.Equal($"ACME server refused POST {stub.BaseUrl}new-order: serverInternal: database down (after 4 attempts)", error.Message);
        Assert.Equal(4, stub.Hits("/new-order"));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _time.Delays);
    }

    [Fact]
    public async Task NewOrderAsync_BadNonce_ResignedWithFreshNonceWithoutWaiting()
    {
        await using var stub = new AcmeStubServer((path, hit) => hit == 1
            ? StubAnswer.Problem(400, "badNonce", "JWS has an invalid anti-replay nonce")
            : Created(OrderJson));

        await CreateSut(stub).NewOrderAsync([AcmeIdentifier.Dns("a.test")], null, default);

        var nonces = stub.Requests.Where(r => r.Path == "/new-order")
            .Select(r => JwsMessage.Parse(System.Text.Encoding.UTF8.GetBytes(r.Body)).Decode().Header.Nonce).ToList();
        Assert.Equal(2, nonces.Count);
        Assert.NotEqual(nonces[0], nonces[1]);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task NewOrderAsync_Malformed_ThrownAtOnceAsRemote()
    {
        await using var stub = new AcmeStubServer((_, _) => StubAnswer.Problem(400, "rejectedIdentifier", "will not issue for a.test"));

        var error = await Assert.ThrowsAsync<AcmeProtocolException>(() => CreateSut(stub).NewOrderAsync([AcmeIdentifier.Dns("a.test")], null, default));

        Assert.Equal(ErrorKind.Remote, error.Kind);
        Assert.Equal($"ACME server refused POST {stub.BaseUrl}new-order: rejectedIdentifier: will not issue for a.test", error.Message);
        Assert.Equal(1, stub.Hits("/new-order"));
    }

    [Fact]
    public async Task WaitForOrderAsync_ProcessingWithRetryAfter_PollsAfterRetryAfter()
    {
        await using var stub = new AcmeStubServer((_, hit) => hit == 1
            ? new StubAnswer(200, OrderJson.Replace("pending", "processing", StringComparison.Ordinal), Headers: new Dictionary<string, string> { ["Retry-After"] = "3" })
            : new StubAnswer(200, OrderJson.Replace("pending", "valid", StringComparison.Ordinal)));

        var order = await CreateSut(stub).WaitForOrderAsync(new Uri(stub.BaseUrl, "order/1"), default);

        Assert.Equal("valid", order.Status);
        Assert.Equal([TimeSpan.FromSeconds(3)], _time.Delays);
        Assert.All(stub.Requests.Where(r => r.Path == "/order/1"), r => Assert.Empty(JwsMessage.Parse(System.Text.Encoding.UTF8.GetBytes(r.Body)).Payload));
    }

    [Fact]
    public async Task GetDirectoryAsync_AnswerLargerThanLimit_Refused()
    {
        await using var big = new AcmeStubServer((_, _) => new StubAnswer(200, new string('x', 20 * 1024)));
        var options = new AcmeClientOptions { DirectoryUrl = new Uri(big.BaseUrl, "big"), MaxResponseBytes = 16 * 1024, RequestTimeout = TimeSpan.FromHours(1) };
        var client = new AcmeClient(options, _http, _key, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => client.GetDirectoryAsync(default));

        Assert.Equal($"ACME server sent more than 16384 bytes for {big.BaseUrl}big; refusing it", error.Message);
    }

    [Fact]
    public async Task GetDirectoryAsync_NothingListens_TransportErrorAfterBackoff()
    {
        var port = FreePort.Next();
        var client = new AcmeClient(new AcmeClientOptions { DirectoryUrl = new Uri($"http://127.0.0.1:{port}/dir"), RequestTimeout = TimeSpan.FromHours(1) }, _http, _key, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => client.GetDirectoryAsync(default));

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.Equal($"cannot reach ACME server http://127.0.0.1:{port} (Connection refused); check the directory URL and that the server runs", error.Message);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _time.Delays);
    }

    [Fact]
    public async Task GetRenewalInfoAsync_SuggestedWindow_RenewalWindowWithRetryAfter()
    {
        using var root = TestPki.CreateRoot();
        using var leaf = TestPki.CreateLeaf(root, "ari.example.test");
        var certId = AcmeCertificateId.FromCertificate(leaf.Certificate);
        await using var stub = new AcmeStubServer((path, _) => path == "/renewal-info/" + certId
            ? new StubAnswer(200, """{"suggestedWindow":{"start":"2026-12-01T00:00:00Z","end":"2026-12-03T00:00:00Z"},"explanationURL":"https://ca.test/why"}""",
                Headers: new Dictionary<string, string> { ["Retry-After"] = "21600" })
            : new StubAnswer(404));

        var window = await CreateSut(stub).GetRenewalInfoAsync(leaf.Certificate, default);

        Assert.Equal(
            new Certwright.Renewal.RenewalWindow(
                new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero),
                new Uri("https://ca.test/why"), Now.AddHours(6)),
            window);
        Assert.Equal("GET", stub.Requests.Single(r => r.Path.StartsWith("/renewal-info/", StringComparison.Ordinal)).Method);
    }

    [Fact]
    public async Task ChangeKeyAsync_Accepted_InnerJwsSignedByNewKeyOverOldKey()
    {
        await using var stub = new AcmeStubServer((_, _) => new StubAnswer(200, "{}"));
        using var newKey = AcmeAccountKey.Generate(KeyType.EcP384);
        var client = CreateSut(stub);

        await client.ChangeKeyAsync(newKey, default);

        var outer = JwsMessage.Parse(System.Text.Encoding.UTF8.GetBytes(stub.Requests.Single(r => r.Path == "/key-change").Body)).Decode();
        Assert.True(JwsVerifier.Verify(outer, _key.Jwk));
        var inner = JwsMessage.Parse(outer.Payload).Decode();
        Assert.Equal(newKey.Jwk, inner.Header.Jwk);
        Assert.Null(inner.Header.Nonce);
        Assert.Equal(outer.Header.Url, inner.Header.Url);
        Assert.True(JwsVerifier.Verify(inner, newKey.Jwk));
        var change = JsonSerializer.Deserialize(inner.Payload, AcmeJsonContext.Default.AcmeKeyChange)!;
        Assert.Equal(client.AccountUrl, change.Account);
        Assert.Equal(_key.Jwk, change.OldKey);
        Assert.Same(newKey, client.AccountKey);
    }

    public void Dispose()
    {
        _key.Dispose();
        _http.Dispose();
    }
}
