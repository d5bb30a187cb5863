using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>A renewalInfo object (RFC 9773 section 4.2): the suggested window and an optional explanation URL.</summary>
public sealed record AcmeRenewalInfo
{
    [JsonPropertyName("suggestedWindow")]
    public required AcmeSuggestedWindow SuggestedWindow { get; init; }

    [JsonPropertyName("explanationURL")]
    public Uri? ExplanationUrl { get; init; }
}

/// <summary>The suggested window: renew between <see cref="Start"/> and <see cref="End"/>.</summary>
public sealed record AcmeSuggestedWindow
{
    [JsonPropertyName("start")]
    public required DateTimeOffset Start { get; init; }

    [JsonPropertyName("end")]
    public required DateTimeOffset End { get; init; }
}
