using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Certwright.Acme.Protocol;
using Microsoft.Extensions.Logging;

namespace Certwright.Acme.Client;

/// <summary>
/// The HTTP side of the ACME client: bounded reads, time limits, a nonce pool fed by every Replay-Nonce, badNonce
/// retries, and backoff for transient failures that honours Retry-After. Waits use the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class AcmeHttp
{
    private const int MaxPooledNonces = 32;
    private static readonly ProductInfoHeaderValue UserAgent = new("Certwright-ACME", "1.0");

    private readonly HttpClient _http;
    private readonly AcmeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<string> _nonces = new();
    private readonly ILogger _logger;

    public AcmeHttp(HttpClient http, AcmeClientOptions options, TimeProvider time, ILogger logger)
    {
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public ILogger Logger => _logger;

    public TimeProvider Time => _time;

    public AcmeClientOptions Options => _options;

    /// <summary>A GET (directory, renewalInfo, certificate), retried on transient failures; problems are returned, not thrown.</summary>
    public Task<AcmeResponse> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendWithRetriesAsync("GET", url, () => Task.FromResult<byte[]?>(null), retryBadNonce: false, cancellationToken);

    /// <summary>
    /// A signed POST: <paramref name="sign"/> builds the JWS for a nonce. A rejected nonce (badNonce) is replaced and the
    /// request signed again; rateLimited, serverInternal and 5xx answers are retried after the backoff. Other problems are thrown.
    /// </summary>
    public async Task<AcmeResponse> PostAsync(Uri url, Uri newNonceUrl, Func<string, JwsMessage> sign, CancellationToken cancellationToken)
    {
        var response = await SendWithRetriesAsync(
            "POST", url, async () => sign(await TakeNonceAsync(newNonceUrl, cancellationToken)).ToJsonBytes(), retryBadNonce: true, cancellationToken);
        return response.IsProblem ? throw ProblemException(ReadProblem(response), response, "POST") : response;
    }

    private async Task<AcmeResponse> SendWithRetriesAsync(
        string method, Uri url, Func<Task<byte[]?>> body, bool retryBadNonce, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var badNonces = 0;
        while (true)
        {
            AcmeResponse response;
            try
            {
                attempt++;
                response = await SendAsync(new HttpMethod(method), url, await body(), cancellationToken);
            }
            catch (CertwrightException e) when (e.Kind == ErrorKind.Transport && attempt < _options.MaxAttempts)
            {
                var backoff = AcmeRetryDelay.Next(attempt, null, _time.GetUtcNow(), _options) ?? _options.MaxRetryDelay;
                AcmeLog.Retrying(_logger, method, url, e.Message, attempt, backoff);
                await Task.Delay(backoff, _time, cancellationToken);
                continue;
            }

            if (!response.IsProblem)
            {
                return response;
            }

            var problem = ReadProblem(response);
            if (retryBadNonce && problem.Type == AcmeProblemTypes.BadNonce && ++badNonces < _options.MaxBadNonceRetries)
            {
                AcmeLog.BadNonce(_logger, url);
                attempt--;
                continue;
            }

            if (!AcmeRetryDelay.IsRetryable(problem, (int)response.Status))
            {
                return response;
            }

            var delay = AcmeRetryDelay.Next(attempt, response.RetryAfter, _time.GetUtcNow(), _options);
            if (delay is null)
            {
                throw new AcmeProtocolException(
                    problem, ErrorKind.Transport,
                    $"ACME server {url.GetLeftPart(UriPartial.Authority)} asks to wait until {response.RetryAfter!.Value.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} ({problem}); try again then");
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw ProblemException(problem, response, method, $" (after {attempt} attempts)");
            }

            AcmeLog.Retrying(_logger, method, url, problem.ToString(), attempt, delay.Value);
            await Task.Delay(delay.Value, _time, cancellationToken);
        }
    }

    private async Task<string> TakeNonceAsync(Uri newNonceUrl, CancellationToken cancellationToken)
    {
        if (_nonces.TryDequeue(out var nonce))
        {
            return nonce;
        }

        var response = await SendWithRetriesAsync("HEAD", newNonceUrl, () => Task.FromResult<byte[]?>(null), retryBadNonce: false, cancellationToken);
        if (response.IsProblem || response.ReplayNonce is null)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.BadNonce, $"ACME server gave no nonce at {newNonceUrl} (HTTP {(int)response.Status})");
        }

        // SendAsync pooled it; take one back for this request.
        return _nonces.TryDequeue(out nonce) ? nonce : response.ReplayNonce;
    }

    private async Task<AcmeResponse> SendAsync(HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.UserAgent.Add(UserAgent);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JwsMessage.ContentType);
        }

        using var limit = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var bytes = await ReadBoundedAsync(response.Content, url, linked.Token);
            var nonce = response.Headers.TryGetValues("Replay-Nonce", out var values) ? values.FirstOrDefault() : null;
            if (!string.IsNullOrEmpty(nonce) && _nonces.Count < MaxPooledNonces)
            {
                _nonces.Enqueue(nonce);
            }

            return new AcmeResponse(
                response.StatusCode,
                url,
                response.Headers.Location is { } location ? new Uri(url, location) : null,
                nonce,
                ReadRetryAfter(response.Headers.RetryAfter),
                AcmeLinkHeader.Parse(url, response.Headers.TryGetValues("Link", out var links) ? links : []),
                response.Content.Headers.ContentType?.MediaType,
                bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CertwrightException(ErrorKind.Transport, $"ACME server did not answer {method} {url} within {_options.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            var hint = e.InnerException is System.Security.Authentication.AuthenticationException
                ? "; give the CA that signs the ACME server's TLS certificate as the CA file"
                : "; check the directory URL and that the server runs";
            throw new CertwrightException(ErrorKind.Transport, $"cannot reach ACME server {url.GetLeftPart(UriPartial.Authority)} ({reason.TrimEnd('.')}){hint}", e);
        }
    }

    private RetryAfter? ReadRetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => new RetryAfter(_time.GetUtcNow() + delta),
        { Date: { } date } => new RetryAfter(date),
        _ => null,
    };

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw TooLarge(url);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                throw TooLarge(url);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private CertwrightException TooLarge(Uri url) =>
        new(ErrorKind.Remote, $"ACME server sent more than {_options.MaxResponseBytes} bytes for {url}; refusing it");

    internal static AcmeProblem ReadProblem(AcmeResponse response)
    {
        if (response.ContentType is AcmeProblem.ContentType or "application/json")
        {
            try
            {
                var problem = JsonSerializer.Deserialize(response.Body, AcmeJsonContext.Default.AcmeProblem);
                if (problem is not null)
                {
                    return problem;
                }
            }
            catch (JsonException)
            {
                // Not a problem document: described by the status below.
            }
        }

        return new AcmeProblem { Type = "about:blank", Detail = $"HTTP {(int)response.Status} {response.Status}", Status = (int)response.Status };
    }

    internal static AcmeProtocolException ProblemException(AcmeProblem problem, AcmeResponse response, string method, string suffix = "")
    {
        var kind = AcmeRetryDelay.IsRetryable(problem, (int)response.Status) ? ErrorKind.Transport : ErrorKind.Remote;
        return new AcmeProtocolException(problem, kind, $"ACME server refused {method} {response.RequestUrl}: {problem}{suffix}");
    }
}
