using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Certwright.Tests.Acme.Server;

/// <summary>One answer of the ACME server: status, headers and body (JSON parsed when it is JSON).</summary>
internal sealed record AcmeAnswer(int Status, HttpResponseHeaders Headers, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Location => Headers.Location?.ToString();

    public string ProblemType => Json.GetProperty("type").GetString()!;

    public string Detail => Json.GetProperty("detail").GetString()!;

    public string Nonce => Headers.GetValues("Replay-Nonce").Single();
}

/// <summary>
/// A test ACME client written from RFC 8555 (independently of the server's code): ES256 account key, JWS signing,
/// nonce handling. Each call returns the raw answer so tests can assert on problems.
/// </summary>
internal sealed class TestAcmeClient(HttpClient http, string directoryUrl) : IDisposable
{
    private JsonElement _directory;
    private string? _nonce;

    public ECDsa Key { get; private set; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string? AccountUrl { get; set; }

    public string Thumbprint => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(Jwk(Key))));

    public string this[string resource] => _directory.GetProperty(resource).GetString()!;

    public async Task<AcmeAnswer> LoadDirectoryAsync()
    {
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Get, directoryUrl));
        _directory = answer.Json.Clone();
        return answer;
    }

    public async Task<string> NewNonceAsync()
    {
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Head, this["newNonce"]));
        return answer.Nonce;
    }

    public async Task<AcmeAnswer> NewAccountAsync(string payload = """{"termsOfServiceAgreed":true}""")
    {
        var answer = await PostAsync(this["newAccount"], payload, useJwk: true);
        if (answer.Status is 200 or 201)
        {
            AccountUrl = answer.Location;
        }

        return answer;
    }

    public Task<AcmeAnswer> NewOrderAsync(params string[] names) =>
        PostAsync(this["newOrder"], "{\"identifiers\":[" + string.Join(",", names.Select(n => $"{{\"type\":\"dns\",\"value\":\"{n}\"}}")) + "]}");

    /// <summary>A JWS POST; <paramref name="payload"/> null is POST-as-GET.</summary>
    public async Task<AcmeAnswer> PostAsync(string url, string? payload, bool useJwk = false, string? nonce = null, ECDsa? key = null, string contentType = "application/jose+json")
    {
        nonce ??= _nonce ?? await NewNonceAsync();
        _nonce = null;
        var body = Sign(url, payload, nonce, useJwk, key ?? Key);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await SendAsync(request);
    }

    public string Sign(string url, string? payload, string? nonce, bool useJwk, ECDsa key, string? kid = null)
    {
        var keyPart = useJwk ? $"\"jwk\":{Jwk(key)}" : $"\"kid\":\"{kid ?? AccountUrl}\"";
        var noncePart = nonce is null ? "" : $"\"nonce\":\"{nonce}\",";
        var header = B64($"{{\"alg\":\"ES256\",{noncePart}\"url\":\"{url}\",{keyPart}}}");
        var body = payload is null ? "" : B64(payload);
        var signature = Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(header + "." + body), HashAlgorithmName.SHA256));
        return $"{{\"protected\":\"{header}\",\"payload\":\"{body}\",\"signature\":\"{signature}\"}}";
    }

    public void ReplaceKey(ECDsa key)
    {
        Key.Dispose();
        Key = key;
    }

    public static string Jwk(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(p.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(p.Q.Y)}\"}}";
    }

    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public void Dispose() => Key.Dispose();

    private async Task<AcmeAnswer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("Replay-Nonce", out var nonces))
            {
                _nonce = nonces.Single();
            }

            return new AcmeAnswer((int)response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
    }
}
