using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// http-01 validation (RFC 8555 §8.3): GET <c>http://{name}:{port}/.well-known/acme-challenge/{token}</c> and compare the
/// body (trailing whitespace ignored) with the key authorization. Names in <see cref="AcmeServerOptions.StaticHosts"/>
/// resolve without DNS. Redirects are not followed; the whole attempt is bounded in time and the body in size.
/// </summary>
internal sealed class Http01Validator : IDisposable
{
    private readonly AcmeServerOptions _options;
    private readonly HttpClient _client;

    public Http01Validator(AcmeServerOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // One validation per connection: the validated party is a short-lived listener (certbot, lego).
            PooledConnectionLifetime = TimeSpan.Zero,
            MaxResponseHeadersLength = 16,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("certwright-acme-validator");
    }

    /// <summary>Null when the response carries <paramref name="keyAuthorization"/>, else the problem to record.</summary>
    public async Task<AcmeProblem?> ValidateAsync(string name, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        var port = _options.HttpValidationPort;
        var url = port == 80
            ? $"http://{name}{KeyAuthorization.Http01PathPrefix}{token}"
            : string.Create(CultureInfo.InvariantCulture, $"http://{name}:{port}{KeyAuthorization.Http01PathPrefix}{token}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ValidationTimeout);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new AcmeProblem("unauthorized", $"{url} answered HTTP {(int)response.StatusCode}, not 200 with the key authorization", 403);
            }

            var body = await ReadBoundedAsync(response, timeout.Token);
            if (body is null)
            {
                return new AcmeProblem("unauthorized", $"{url} answered more than {AcmeServerConstants.MaxValidationResponseBytes} bytes, not the key authorization", 403);
            }

            var text = Encoding.UTF8.GetString(body).TrimEnd(' ', '\t', '\r', '\n');
            return string.Equals(text, keyAuthorization, StringComparison.Ordinal)
                ? null
                : new AcmeProblem("incorrectResponse", $"{url} answered '{Printable(text)}', not the expected key authorization", 403);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AcmeProblem("connection", $"{url} did not answer within {_options.ValidationTimeout.TotalSeconds:0} s", 400);
        }
        catch (HttpRequestException e) when (e.InnerException is AcmeProblemException problem)
        {
            return problem.Problem;
        }
        catch (HttpRequestException e)
        {
            return new AcmeProblem("connection", $"fetching {url} failed: {e.Message.TrimEnd('.')}", 400);
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses;
        if (_options.StaticHosts.TryGetValue(host.ToLowerInvariant(), out var fixedAddress))
        {
            addresses = [fixedAddress];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new AcmeProblemException(new AcmeProblem("dns", $"'{host}' does not resolve ({e.SocketErrorCode})", 400));
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > AcmeServerConstants.MaxValidationResponseBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[AcmeServerConstants.MaxValidationResponseBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total > AcmeServerConstants.MaxValidationResponseBytes ? null : buffer[..total];
    }

    private static string Printable(string text)
    {
        var shown = text.Length > 120 ? text[..120] + "..." : text;
        return new string([.. shown.Select(c => c is < ' ' or > '~' ? '?' : c)]);
    }
}
