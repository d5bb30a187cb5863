using System.Text.Json;
using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>
/// An account object (RFC 8555 section 7.1.2), also the newAccount request payload (section 7.3) with
/// <c>termsOfServiceAgreed</c>, <c>onlyReturnExisting</c> and <c>externalAccountBinding</c> (a JWS object).
/// </summary>
public sealed record AcmeAccount
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("contact")]
    public IReadOnlyList<string>? Contact { get; init; }

    [JsonPropertyName("termsOfServiceAgreed")]
    public bool? TermsOfServiceAgreed { get; init; }

    [JsonPropertyName("onlyReturnExisting")]
    public bool? OnlyReturnExisting { get; init; }

    [JsonPropertyName("externalAccountBinding")]
    public JwsMessage? ExternalAccountBinding { get; init; }

    [JsonPropertyName("orders")]
    public Uri? Orders { get; init; }

    /// <summary>The account key, as some servers echo it; not sent by clients.</summary>
    [JsonPropertyName("key")]
    public JsonElement? Key { get; init; }
}

/// <summary>The inner payload of a keyChange request (RFC 8555 section 7.3.5).</summary>
public sealed record AcmeKeyChange
{
    [JsonPropertyName("account")]
    public required Uri Account { get; init; }

    [JsonPropertyName("oldKey")]
    public required AcmeJwk OldKey { get; init; }
}
