namespace Certwright.Acme.Server;

/// <summary>One HTTP request to the ACME server, as the host hands it over.</summary>
/// <param name="Method">GET, HEAD or POST.</param>
/// <param name="Url">The absolute request URL as the client addressed it (scheme, Host header, path); JWS 'url' must equal it.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The body, at most <see cref="AcmeServerConstants.MaxRequestBytes"/>.</param>
public sealed record AcmeRequest(string Method, Uri Url, string? ContentType, ReadOnlyMemory<byte> Body);

/// <summary>The answer the host writes: status, headers and body.</summary>
public sealed record AcmeResponse(int Status, string? ContentType, byte[] Body)
{
    /// <summary>Replay-Nonce (RFC 8555 §6.5), on every answer.</summary>
    public string? ReplayNonce { get; init; }

    public string? Location { get; init; }

    /// <summary>Link headers as (URL, rel).</summary>
    public IReadOnlyList<(string Url, string Rel)> Links { get; init; } = [];

    /// <summary>Retry-After in seconds.</summary>
    public long? RetryAfterSeconds { get; init; }

    /// <summary>Allow header of a 405.</summary>
    public string? Allow { get; init; }
}

/// <summary>A CA behind the ACME server: its name (the <c>/acme/{name}/</c> path), the issuer and the profile orders get.</summary>
public sealed record AcmeAuthority(string Name, Certwright.Authority.CertificateIssuer Issuer, Certwright.Authority.CertificateProfile Profile);
