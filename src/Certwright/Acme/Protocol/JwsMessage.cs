using System.Text.Json;
using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>A JWS in flattened JSON serialization (RFC 7515 section 7.2.2), the body of every ACME POST.</summary>
public sealed record JwsMessage
{
    /// <summary>Larger request bodies are refused before parsing (a CSR or certificate fits many times over).</summary>
    public const int MaxBytes = 64 * 1024;

    public const string ContentType = "application/jose+json";

    [JsonPropertyName("protected")]
    public required string Protected { get; init; }

    [JsonPropertyName("payload")]
    public required string Payload { get; init; }

    [JsonPropertyName("signature")]
    public required string Signature { get; init; }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, AcmeJsonContext.Default.JwsMessage);

    /// <summary>Parses a request body; bounded in size.</summary>
    /// <exception cref="AcmeProtocolException">malformed: too large, not JSON, or a member missing.</exception>
    public static JwsMessage Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"the JWS is larger than {MaxBytes} bytes");
        }

        try
        {
            var message = JsonSerializer.Deserialize(json, AcmeJsonContext.Default.JwsMessage);
            return message ?? throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the JWS is null");
        }
        catch (JsonException e)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"the request is not a flattened JWS ({e.Message})");
        }
    }

    /// <summary>Decodes the protected header and payload; the signature is not checked yet (see <see cref="JwsVerifier"/>).</summary>
    /// <exception cref="AcmeProtocolException">malformed: bad base64url or header JSON.</exception>
    public DecodedJws Decode() => JwsVerifier.Decode(this);
}
