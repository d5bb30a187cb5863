using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Client;

/// <summary>One ACME HTTP response, read whole (bounded): status, the headers ACME uses, and the body.</summary>
internal sealed record AcmeResponse(
    HttpStatusCode Status,
    Uri RequestUrl,
    Uri? Location,
    string? ReplayNonce,
    RetryAfter? RetryAfter,
    IReadOnlyList<(Uri Url, string Rel)> Links,
    string? ContentType,
    byte[] Body)
{
    public bool IsProblem => ContentType is AcmeProblem.ContentType || (int)Status >= 400;

    public T Read<T>(JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(Body, type)
                ?? throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"ACME server sent null for {RequestUrl}");
        }
        catch (JsonException e)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"ACME server sent a malformed {type.Type.Name} from {RequestUrl} ({e.Message})");
        }
    }

    public Uri RequireLocation() =>
        Location ?? throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"ACME server sent no Location header for {RequestUrl}");

    public IEnumerable<Uri> LinksWithRel(string rel) =>
        Links.Where(l => string.Equals(l.Rel, rel, StringComparison.OrdinalIgnoreCase)).Select(l => l.Url);
}

/// <summary>A Retry-After header as an absolute time.</summary>
internal readonly record struct RetryAfter(DateTimeOffset At);
