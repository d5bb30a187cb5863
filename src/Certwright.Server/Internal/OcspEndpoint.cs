using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Pipelines;
using Certwright.Authority.Ocsp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Certwright.Server.Internal;

/// <summary>
/// RFC 6960 appendix A over HTTP: <c>POST /ocsp</c> (body application/ocsp-request) and <c>GET /ocsp/{base64 DER}</c>
/// (URL-encoded base64 or base64url), answering application/ocsp-response. A pre-signed answer is written from its cached
/// bytes. Malformed input (bad content type, empty, too large, bad base64, not an OCSPRequest) gets HTTP 400 with an
/// OCSPResponse of status malformedRequest; every other outcome is HTTP 200 with the OCSP status in the body, never 500.
/// </summary>
internal sealed class OcspEndpoint(OcspResponder responder, TimeProvider time)
{
    public async Task PostAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            var request = context.Request;
            if (!IsOcspRequest(request.ContentType) || request.ContentLength > responder.MaxRequestSize)
            {
                await WriteAsync(context, OcspAnswer.MalformedRequest, cacheHeaders: false);
                return;
            }

            var reader = request.BodyReader;
            ReadResult result;
            while (true)
            {
                result = await reader.ReadAsync(cancellationToken);
                if (result.Buffer.Length > responder.MaxRequestSize)
                {
                    reader.AdvanceTo(result.Buffer.End);
                    await WriteAsync(context, OcspAnswer.MalformedRequest, cacheHeaders: false);
                    return;
                }

                if (result.IsCompleted)
                {
                    break;
                }

                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }

            var buffer = result.Buffer;
            if (buffer.IsSingleSegment && responder.TryGetCached(buffer.FirstSpan, out var cached))
            {
                reader.AdvanceTo(buffer.End);
                await WriteAsync(context, cached, cacheHeaders: false);
                return;
            }

            var body = buffer.ToArray();
            reader.AdvanceTo(buffer.End);
            await WriteAsync(context, await responder.RespondAsync(body, cancellationToken), cacheHeaders: false);
        }
        catch (Exception e) when (Failed(context, e))
        {
            await WriteFailureAsync(context, e);
        }
    }

    public async Task GetAsync(HttpContext context, int prefixLength)
    {
        try
        {
            var answer = DecodeGet(context, prefixLength) is { } der
                ? await responder.RespondAsync(der, context.RequestAborted)
                : OcspAnswer.MalformedRequest;
            if (answer.ETag is { } etag && context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                SetCacheHeaders(context.Response, answer);
                return;
            }

            await WriteAsync(context, answer, cacheHeaders: true);
        }
        catch (Exception e) when (Failed(context, e))
        {
            await WriteFailureAsync(context, e);
        }
    }

    /// <summary>The DER request in the path after <c>/ocsp/</c>: URL-decoded, then base64 or base64url; null when it is not.</summary>
    private byte[]? DecodeGet(HttpContext context, int prefixLength)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            raw = raw[..query];
        }

        if (raw.Length <= prefixLength || raw.Length > CertwrightServer.MaxRequestLineSize)
        {
            return null;
        }

        var text = Uri.UnescapeDataString(raw[prefixLength..]);
        if (text.Contains('-', StringComparison.Ordinal) || text.Contains('_', StringComparison.Ordinal) || text.Length % 4 != 0)
        {
            // TryDecodeFromChars throws on characters outside the alphabet instead of returning false.
            var unpadded = text.TrimEnd('=');
            var urlDecoded = new byte[Base64Url.GetMaxDecodedLength(unpadded.Length)];
            return Base64Url.IsValid(unpadded) && Base64Url.TryDecodeFromChars(unpadded, urlDecoded, out var written) && written <= responder.MaxRequestSize
                ? urlDecoded[..written]
                : null;
        }

        var decoded = new byte[text.Length / 4 * 3];
        return Convert.TryFromBase64String(text, decoded, out var length) && length <= responder.MaxRequestSize ? decoded[..length] : null;
    }

    private ValueTask<FlushResult> WriteAsync(HttpContext context, OcspAnswer answer, bool cacheHeaders)
    {
        var response = context.Response;
        response.StatusCode = answer.IsMalformed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        response.ContentType = OcspConstants.ResponseContentType;
        response.ContentLength = answer.Body.Length;
        if (cacheHeaders)
        {
            SetCacheHeaders(response, answer);
        }

        return HttpMethods.IsHead(context.Request.Method)
            ? ValueTask.FromResult(default(FlushResult))
            : response.BodyWriter.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>RFC 5019 §6.2: cacheable until nextUpdate, so HTTP caches and CDNs can serve GET answers.</summary>
    private void SetCacheHeaders(HttpResponse response, OcspAnswer answer)
    {
        if (answer.NextUpdate is not { } next)
        {
            response.Headers.CacheControl = "no-store";
            return;
        }

        var maxAge = Math.Max(0L, (long)(next - time.GetUtcNow()).TotalSeconds);
        response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"max-age={maxAge}, public, no-transform, must-revalidate");
        response.Headers.ETag = answer.ETag;
        response.Headers.LastModified = answer.LastModified;
        response.Headers.Expires = answer.Expires;
    }

    /// <summary>Filters what ends in an error answer: not a client that went away, and only while the response can still be written.</summary>
    private static bool Failed(HttpContext context, Exception e) =>
        !(e is OperationCanceledException && context.RequestAborted.IsCancellationRequested) && !context.Response.HasStarted;

    /// <summary>A body Kestrel refused (too large, too slow) is malformed; anything else is the responder's internalError, never HTTP 500.</summary>
    private async Task WriteFailureAsync(HttpContext context, Exception e)
    {
        var answer = e is BadHttpRequestException ? OcspAnswer.MalformedRequest : OcspAnswer.InternalError;
        await WriteAsync(context, answer, cacheHeaders: false);
    }

    private static bool IsOcspRequest(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(OcspConstants.RequestContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == OcspConstants.RequestContentType.Length || contentType[OcspConstants.RequestContentType.Length] is ';' or ' ');
}
