using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>A problem document (RFC 7807, <c>application/problem+json</c>) with ACME's subproblems (RFC 8555 section 6.7.1).</summary>
public sealed record AcmeProblem
{
    public const string ContentType = "application/problem+json";

    [JsonPropertyName("type")]
    public string Type { get; init; } = "about:blank";

    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("identifier")]
    public AcmeIdentifier? Identifier { get; init; }

    [JsonPropertyName("subproblems")]
    public IReadOnlyList<AcmeProblem>? Subproblems { get; init; }

    /// <summary>The type without the ACME prefix (<c>badNonce</c>), or the whole type for other URIs.</summary>
    [JsonIgnore]
    public string ShortType => Type.StartsWith(AcmeProblemTypes.Prefix, StringComparison.Ordinal) ? Type[AcmeProblemTypes.Prefix.Length..] : Type;

    /// <summary>One line for messages: <c>type: detail (identifier: type: detail; ...)</c>.</summary>
    public override string ToString()
    {
        var text = string.IsNullOrWhiteSpace(Detail) ? ShortType : $"{ShortType}: {Detail}";
        if (Subproblems is { Count: > 0 } subs)
        {
            text += " (" + string.Join("; ", subs.Select(s => s.Identifier is { } id ? $"{id.Value}: {s}" : s.ToString())) + ")";
        }

        return text.ReplaceLineEndings(" ");
    }
}
