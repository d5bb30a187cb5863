using System.Net;
using System.Net.Http.Headers;

namespace Certwright.Revocation.Internal;

/// <summary>
/// The HTTP side of revocation checks: http/https only, a timeout on every exchange, bodies capped while
/// they are read (a lying or missing Content-Length does not help a hostile server).
/// </summary>
internal sealed class RevocationHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public RevocationHttp(RevocationOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
            ConnectTimeout = options.RequestTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            // No connection reuse: see SendAsync.
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Certwright", "1"));
        _timeout = options.RequestTimeout;
    }

    /// <summary>True for absolute http and https URLs, the only schemes fetched.</summary>
    public static bool TryParse(string url, out Uri uri)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    public Task<byte[]> GetAsync(Uri uri, int maxBytes, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), uri, maxBytes, cancellationToken);

    public Task<byte[]> PostAsync(Uri uri, byte[] body, string contentType, int maxBytes, CancellationToken cancellationToken) =>
        SendAsync(
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            },
            uri,
            maxBytes,
            cancellationToken);

    private async Task<byte[]> SendAsync(Func<HttpRequestMessage> createRequest, Uri uri, int maxBytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = createRequest();
            // One exchange per connection: checks are rare and cached. With pooling, the second request to an
            // `openssl ocsp` responder (HTTP/1.0, closes after each answer) intermittently went out on the closed
            // connection and failed with a reset (1 run in 3 here); a dropped keep-alive also wedges that responder.
            request.Headers.ConnectionClose = true;
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new RevocationFetchException($"{uri} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                throw new RevocationFetchException($"{uri} sent {length} bytes, over the limit of {maxBytes}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await ReadBoundedAsync(stream, uri, maxBytes, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RevocationFetchException($"{uri} did not answer within {_timeout.TotalSeconds:0.#} s", e);
        }
        catch (HttpRequestException e)
        {
            var reason = Innermost(e).Message;
            throw new RevocationFetchException($"{uri} could not be reached: {reason}", e);
        }
        catch (IOException e)
        {
            throw new RevocationFetchException($"{uri}: the connection failed: {e.Message}", e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, Uri uri, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > maxBytes)
            {
                throw new RevocationFetchException($"{uri} sent more than {maxBytes} bytes; the limit stops reading there");
            }

            buffer.Write(chunk, 0, read);
        }
    }

    public void Dispose() => _client.Dispose();
}
