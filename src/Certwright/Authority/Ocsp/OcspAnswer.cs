using System.Globalization;

namespace Certwright.Authority.Ocsp;

/// <summary>
/// One encoded OCSPResponse ready to write, with what an HTTP host needs for RFC 5019 caching headers. Cached
/// answers are shared and immutable: the host writes <see cref="Body"/> as is.
/// </summary>
public sealed class OcspAnswer
{
    private OcspAnswer(OcspResponseStatus status, byte[] body, DateTimeOffset? producedAt, DateTimeOffset? nextUpdate)
    {
        Status = status;
        Body = body;
        ProducedAt = producedAt;
        NextUpdate = nextUpdate;
        if (producedAt is { } produced && nextUpdate is { } next)
        {
            LastModified = produced.ToString("R", CultureInfo.InvariantCulture);
            Expires = next.ToString("R", CultureInfo.InvariantCulture);
            ETag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body), 0, 16) + "\"";
        }
    }

    public OcspResponseStatus Status { get; }

    /// <summary>The DER OCSPResponse.</summary>
    public byte[] Body { get; }

    /// <summary>producedAt of a successful answer; null for an error status.</summary>
    public DateTimeOffset? ProducedAt { get; }

    /// <summary>The earliest nextUpdate of its SingleResponses; null for an error status.</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>HTTP-date of <see cref="ProducedAt"/> (RFC 5019 §6.2 Last-Modified).</summary>
    public string? LastModified { get; }

    /// <summary>HTTP-date of <see cref="NextUpdate"/> (Expires).</summary>
    public string? Expires { get; }

    /// <summary>A strong entity tag of <see cref="Body"/>.</summary>
    public string? ETag { get; }

    /// <summary>Whether the request was refused as unparseable (the HTTP host answers 400).</summary>
    public bool IsMalformed => Status == OcspResponseStatus.MalformedRequest;

    /// <summary>The unsigned error answers, one instance each (RFC 6960 §4.2.1: no responseBytes).</summary>
    public static OcspAnswer MalformedRequest { get; } = Error(OcspResponseStatus.MalformedRequest);

    public static OcspAnswer InternalError { get; } = Error(OcspResponseStatus.InternalError);

    public static OcspAnswer TryLater { get; } = Error(OcspResponseStatus.TryLater);

    public static OcspAnswer Unauthorized { get; } = Error(OcspResponseStatus.Unauthorized);

    internal static OcspAnswer Signed(byte[] body, DateTimeOffset producedAt, DateTimeOffset nextUpdate) =>
        new(OcspResponseStatus.Successful, body, producedAt, nextUpdate);

    // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED }
    private static OcspAnswer Error(OcspResponseStatus status) => new(status, [0x30, 0x03, 0x0A, 0x01, (byte)status], null, null);
}
