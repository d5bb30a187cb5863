using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>Source-generated System.Text.Json metadata for the ACME wire objects (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AcmeAccount))]
[JsonSerializable(typeof(AcmeKeyChange))]
[JsonSerializable(typeof(AcmeOrder))]
[JsonSerializable(typeof(AcmeFinalize))]
[JsonSerializable(typeof(AcmeRevocation))]
[JsonSerializable(typeof(AcmeAuthorization))]
[JsonSerializable(typeof(AcmeChallenge))]
[JsonSerializable(typeof(AcmeProblem))]
[JsonSerializable(typeof(AcmeRenewalInfo))]
[JsonSerializable(typeof(AcmeJwk))]
[JsonSerializable(typeof(JwsMessage))]
[JsonSerializable(typeof(JwsHeader))]
[JsonSerializable(typeof(AcmeEmptyObject))]
public sealed partial class AcmeJsonContext : JsonSerializerContext;

/// <summary>The <c>{}</c> payload (e.g. to respond to a challenge, RFC 8555 section 7.5.1).</summary>
public sealed record AcmeEmptyObject
{
    public static AcmeEmptyObject Instance { get; } = new();
}
