using System.Collections.Concurrent;
using System.Net;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Revocation;

/// <summary>What the server answers to one request.</summary>
public sealed record HttpReply(int Status, byte[] Body, string ContentType = "application/octet-stream", bool Chunked = false);

/// <summary>One request the server saw.</summary>
public sealed record SeenRequest(string Method, string Path, string? ContentType, int BodyLength);

/// <summary>
/// A minimal HTTP server on 127.0.0.1 (HttpListener) for CRLs and canned OCSP responses: answers every request
/// with <see cref="Reply"/> and records each request, so tests can count downloads and see GET or POST.
/// It picks its own port: HttpListener binds without SO_REUSEADDR, so a port a probe found free can still be
/// refused (a client connection in TIME_WAIT on it); the server retries with the next one.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<SeenRequest, HttpReply>? reply = null)
    {
        Reply = reply ?? (_ => new HttpReply(404, []));
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                (_listener, Port) = (listener, port);
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>What every request gets; tests may set it once the certificates naming this server exist.</summary>
    public Func<SeenRequest, HttpReply> Reply { get; set; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    public IReadOnlyList<SeenRequest> Requests => _requests.ToArray();

    /// <summary>A reply with the same bytes for every request.</summary>
    public static Func<SeenRequest, HttpReply> Serving(byte[] body, string contentType = "application/octet-stream") =>
        _ => new HttpReply(200, body, contentType);

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
                var reply = Reply(seen);
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
        // Close alone: Stop then Close makes the managed HttpListener remove its prefix twice, and the second
        // removal binds the port again ("Address already in use" when a client connection holds it).
        _listener.Close();
        await _loop;
    }
}
