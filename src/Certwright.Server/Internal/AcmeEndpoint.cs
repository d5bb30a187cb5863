using Certwright.Acme.Server;
using Microsoft.AspNetCore.Http;

namespace Certwright.Server.Internal;

/// <summary>Hands <c>/acme/...</c> requests to the <see cref="AcmeServer"/> and writes its answers (headers, then body).</summary>
internal sealed class AcmeEndpoint(AcmeServer server)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        if (!Uri.TryCreate($"{request.Scheme}://{request.Host.Value}{request.Path.Value}", UriKind.Absolute, out var url))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(request, cancellationToken);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel refused the body (over its limit, or too slow): the client gets a problem, not a reset.
            body = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? null : [];
        }

        var answer = body is null || body.Length > AcmeServerConstants.MaxRequestBytes
            ? server.RequestTooLarge()
            : await server.HandleAsync(new AcmeRequest(request.Method, url, request.ContentType, body), cancellationToken);

        await WriteAsync(context, answer, cancellationToken);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > AcmeServerConstants.MaxRequestBytes)
        {
            return new byte[AcmeServerConstants.MaxRequestBytes + 1];
        }

        var buffer = new byte[AcmeServerConstants.MaxRequestBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }

    private static async Task WriteAsync(HttpContext context, AcmeResponse answer, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        if (answer.ReplayNonce is { } nonce)
        {
            headers["Replay-Nonce"] = nonce;
        }

        if (answer.Location is { } location)
        {
            headers.Location = location;
        }

        if (answer.Links.Count > 0)
        {
            headers.Link = answer.Links.Select(l => $"<{l.Url}>;rel=\"{l.Rel}\"").ToArray();
        }

        if (answer.RetryAfterSeconds is { } retryAfter)
        {
            headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (answer.Allow is { } allow)
        {
            headers.Allow = allow;
        }

        if (answer.ContentType is { } contentType)
        {
            response.ContentType = contentType;
        }

        response.ContentLength = answer.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method) && answer.Body.Length > 0)
        {
            await response.Body.WriteAsync(answer.Body, cancellationToken);
        }
    }
}
