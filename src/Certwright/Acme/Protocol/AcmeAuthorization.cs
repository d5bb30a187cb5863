using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>An authorization object (RFC 8555 section 7.1.4).</summary>
public sealed record AcmeAuthorization
{
    [JsonPropertyName("identifier")]
    public required AcmeIdentifier Identifier { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("expires")]
    public DateTimeOffset? Expires { get; init; }

    [JsonPropertyName("challenges")]
    public required IReadOnlyList<AcmeChallenge> Challenges { get; init; }

    [JsonPropertyName("wildcard")]
    public bool? Wildcard { get; init; }
}

/// <summary>A challenge object (RFC 8555 section 8): http-01, dns-01 or tls-alpn-01 with its token.</summary>
public sealed record AcmeChallenge
{
    public const string Http01 = "http-01";
    public const string Dns01 = "dns-01";
    public const string TlsAlpn01 = "tls-alpn-01";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("url")]
    public required Uri Url { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("validated")]
    public DateTimeOffset? Validated { get; init; }

    [JsonPropertyName("error")]
    public AcmeProblem? Error { get; init; }
}
