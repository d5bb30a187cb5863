using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>
/// The protected header of an ACME JWS (RFC 8555 section 6.2): <c>alg</c>, <c>nonce</c>, <c>url</c> and exactly one of
/// <c>jwk</c> (newAccount, revocation by certificate key) or <c>kid</c> (the account URL).
/// </summary>
public sealed record JwsHeader
{
    [JsonPropertyName("alg")]
    public required string Alg { get; init; }

    [JsonPropertyName("jwk")]
    public AcmeJwk? Jwk { get; init; }

    [JsonPropertyName("kid")]
    public string? Kid { get; init; }

    [JsonPropertyName("nonce")]
    public string? Nonce { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }
}

/// <summary>A parsed JWS: its header, the decoded payload (empty for POST-as-GET), and the bytes the signature covers.</summary>
public sealed record DecodedJws(JwsHeader Header, byte[] Payload, byte[] SigningInput, byte[] Signature)
{
    /// <summary>A POST-as-GET carries an empty payload (RFC 8555 section 6.3).</summary>
    public bool IsPostAsGet => Payload.Length == 0;
}
