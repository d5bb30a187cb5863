using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>The directory object (RFC 8555 section 7.1.1), with <c>renewalInfo</c> from RFC 9773.</summary>
public sealed record AcmeDirectory
{
    [JsonPropertyName("newNonce")]
    public required Uri NewNonce { get; init; }

    [JsonPropertyName("newAccount")]
    public required Uri NewAccount { get; init; }

    [JsonPropertyName("newOrder")]
    public required Uri NewOrder { get; init; }

    [JsonPropertyName("newAuthz")]
    public Uri? NewAuthz { get; init; }

    [JsonPropertyName("revokeCert")]
    public Uri? RevokeCert { get; init; }

    [JsonPropertyName("keyChange")]
    public Uri? KeyChange { get; init; }

    [JsonPropertyName("renewalInfo")]
    public Uri? RenewalInfo { get; init; }

    [JsonPropertyName("meta")]
    public AcmeDirectoryMeta? Meta { get; init; }
}

/// <summary>The directory's <c>meta</c> object.</summary>
public sealed record AcmeDirectoryMeta
{
    [JsonPropertyName("termsOfService")]
    public Uri? TermsOfService { get; init; }

    [JsonPropertyName("website")]
    public Uri? Website { get; init; }

    [JsonPropertyName("caaIdentities")]
    public IReadOnlyList<string>? CaaIdentities { get; init; }

    [JsonPropertyName("externalAccountRequired")]
    public bool? ExternalAccountRequired { get; init; }
}
