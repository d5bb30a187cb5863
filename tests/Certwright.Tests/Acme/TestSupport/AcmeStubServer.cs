using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.TestSupport;

/// <summary>A scripted answer of the stub: status, content type, body and extra headers.</summary>
public sealed record StubAnswer(int Status, string Body = "", string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubAnswer Problem(int status, string type, string detail, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, $$"""{"type":"urn:ietf:params:acme:error:{{type}}","detail":"{{detail}}","status":{{status}}}""", "application/problem+json", headers);
}

/// <summary>
/// A tiny ACME server on a loopback port (HttpListener) for what Pebble cannot do: rate limits, Retry-After, server
/// errors, oversized answers, renewalInfo. It serves a directory and nonces; <see cref="Script"/> answers the rest,
/// given the path and how many times it was requested.
/// </summary>
public sealed class AcmeStubServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentQueue<(string Method, string Path, string Body)> _requests = new();
    private int _nonce;

    public AcmeStubServer(Func<string, int, StubAnswer> script)
    {
        Script = script;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = LoopAsync();
    }

    public int Port { get; }

    public Func<string, int, StubAnswer> Script { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public Uri DirectoryUrl => new(BaseUrl, "dir");

    public IReadOnlyList<(string Method, string Path, string Body)> Requests => [.. _requests];

    public int Hits(string path) => _hits.TryGetValue(path, out var n) ? n : 0;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue((context.Request.HttpMethod, path, body));
        var hit = _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var answer = path switch
        {
            "/dir" => new StubAnswer(200, $$"""
                {"newNonce":"{{BaseUrl}}nonce","newAccount":"{{BaseUrl}}new-account","newOrder":"{{BaseUrl}}new-order",
                 "revokeCert":"{{BaseUrl}}revoke","keyChange":"{{BaseUrl}}key-change","renewalInfo":"{{BaseUrl}}renewal-info"}
                """),
            "/nonce" => new StubAnswer(200),
            _ => Script(path, hit),
        };
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.Headers["Replay-Nonce"] = $"nonce-{Interlocked.Increment(ref _nonce)}";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        response.ContentType = answer.ContentType;
        response.ContentLength64 = bytes.Length;
        try
        {
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (HttpListenerException)
        {
            // The client gave up reading (e.g. a refused oversized answer).
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
