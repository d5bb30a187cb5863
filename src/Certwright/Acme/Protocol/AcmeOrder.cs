using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>An order object (RFC 8555 section 7.1.3), also the newOrder request payload (identifiers, notBefore, notAfter, replaces).</summary>
public sealed record AcmeOrder
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("expires")]
    public DateTimeOffset? Expires { get; init; }

    [JsonPropertyName("identifiers")]
    public required IReadOnlyList<AcmeIdentifier> Identifiers { get; init; }

    [JsonPropertyName("notBefore")]
    public DateTimeOffset? NotBefore { get; init; }

    [JsonPropertyName("notAfter")]
    public DateTimeOffset? NotAfter { get; init; }

    [JsonPropertyName("error")]
    public AcmeProblem? Error { get; init; }

    [JsonPropertyName("authorizations")]
    public IReadOnlyList<Uri>? Authorizations { get; init; }

    [JsonPropertyName("finalize")]
    public Uri? Finalize { get; init; }

    [JsonPropertyName("certificate")]
    public Uri? Certificate { get; init; }

    /// <summary>The certID of the certificate this order replaces (RFC 9773 section 5).</summary>
    [JsonPropertyName("replaces")]
    public string? Replaces { get; init; }
}

/// <summary>The finalize request payload (RFC 8555 section 7.4): the CSR, DER in base64url.</summary>
public sealed record AcmeFinalize
{
    [JsonPropertyName("csr")]
    public required string Csr { get; init; }
}

/// <summary>The revokeCert request payload (RFC 8555 section 7.6): the certificate, DER in base64url, and a CRL reason code.</summary>
public sealed record AcmeRevocation
{
    [JsonPropertyName("certificate")]
    public required string Certificate { get; init; }

    [JsonPropertyName("reason")]
    public int? Reason { get; init; }
}
