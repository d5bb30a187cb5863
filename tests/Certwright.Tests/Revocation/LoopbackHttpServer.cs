using System.Collections.Concurrent;
using System.Net;

namespace Certwright.Tests.Revocation;

/// <summary>What the server answers to one request.</summary>
public sealed record HttpReply(int Status, byte[] Body, string ContentType = "application/octet-stream", bool Chunked = false);

/// <summary>One request the server saw.</summary>
public sealed record SeenRequest(string Method, string Path, string? ContentType, int BodyLength);

/// <summary>
/// A minimal HTTP server on 127.0.0.1 (HttpListener) for CRLs and canned OCSP responses: answers every request
/// with the reply function and records each request, so tests can count downloads and see GET or POST.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<SeenRequest, HttpReply> _reply;
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private readonly Task _loop;

    public LoopbackHttpServer(int port, Func<SeenRequest, HttpReply> reply)
    {
        Port = port;
        _reply = reply;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    public IReadOnlyList<SeenRequest> Requests => _requests.ToArray();

    /// <summary>Serves the same bytes for every request.</summary>
    public static LoopbackHttpServer Serving(int port, byte[] body, string contentType = "application/octet-stream") =>
        new(port, _ => new HttpReply(200, body, contentType));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var seen = new SeenRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", context.Request.ContentType, (int)body.Length);
                _requests.Enqueue(seen);
                var reply = _reply(seen);
                context.Response.StatusCode = reply.Status;
                context.Response.ContentType = reply.ContentType;
                context.Response.SendChunked = reply.Chunked;
                if (!reply.Chunked)
                {
                    context.Response.ContentLength64 = reply.Body.Length;
                }

                await context.Response.OutputStream.WriteAsync(reply.Body);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client gave up (e.g. on an oversized body): that is what some tests provoke.
                context.Response.Abort();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
