using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Client.Challenges;

/// <summary>
/// http-01 with a built-in listener: answers <c>GET /.well-known/acme-challenge/TOKEN</c> with the key authorization
/// and everything else with 404. Only request heads up to 8 KB are read; one request per connection.
/// </summary>
internal sealed class Http01Listener : IChallengeResponder
{
    private const int MaxRequestHeadBytes = 8 * 1024;

    private readonly ConcurrentDictionary<string, string> _keyAuthorizations = new(StringComparer.Ordinal);
    private readonly ChallengeTcpListener _listener;

    public Http01Listener(IPEndPoint endpoint)
    {
        _listener = new ChallengeTcpListener(endpoint, "http-01", ServeAsync);
    }

    public string ChallengeType => AcmeChallenge.Http01;

    public Task PublishAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        _listener.EnsureStarted();
        _keyAuthorizations[token] = keyAuthorization;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        _keyAuthorizations.TryRemove(token, out _);
        return Task.CompletedTask;
    }

    private async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(stream, cancellationToken);
        var requestLine = head is null ? null : head[..Math.Max(0, head.IndexOf("\r\n", StringComparison.Ordinal))];
        var parts = requestLine?.Split(' ');
        string status;
        var body = "";
        if (parts is not { Length: 3 } || (parts[0] != "GET" && parts[0] != "HEAD"))
        {
            status = "400 Bad Request";
        }
        else if (parts[1].StartsWith(KeyAuthorization.Http01PathPrefix, StringComparison.Ordinal)
            && _keyAuthorizations.TryGetValue(parts[1][KeyAuthorization.Http01PathPrefix.Length..], out var keyAuthorization))
        {
            status = "200 OK";
            body = parts[0] == "GET" ? keyAuthorization : "";
        }
        else
        {
            status = "404 Not Found";
        }

        var bytes = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
