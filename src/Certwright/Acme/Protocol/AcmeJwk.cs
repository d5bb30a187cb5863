using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>
/// A public JSON Web Key (RFC 7517) as ACME uses it: EC P-256/P-384 (<c>crv</c>, <c>x</c>, <c>y</c>) or RSA (<c>n</c>, <c>e</c>).
/// Members not used by the key type are null and are not serialized.
/// </summary>
public sealed record AcmeJwk
{
    [JsonPropertyName("kty")]
    public required string Kty { get; init; }

    [JsonPropertyName("crv")]
    public string? Crv { get; init; }

    [JsonPropertyName("x")]
    public string? X { get; init; }

    [JsonPropertyName("y")]
    public string? Y { get; init; }

    [JsonPropertyName("n")]
    public string? N { get; init; }

    [JsonPropertyName("e")]
    public string? E { get; init; }

    /// <summary>The public JWK of an EC (P-256, P-384) or RSA key.</summary>
    /// <exception cref="CertwrightException">Usage: another key type or curve.</exception>
    public static AcmeJwk FromKey(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        switch (key)
        {
            case ECDsa ec:
                var p = ec.ExportParameters(includePrivateParameters: false);
                return new AcmeJwk
                {
                    Kty = "EC",
                    Crv = JwsAlgorithms.CurveName(p.Curve),
                    X = Base64Url.EncodeToString(p.Q.X),
                    Y = Base64Url.EncodeToString(p.Q.Y),
                };
            case RSA rsa:
                var r = rsa.ExportParameters(includePrivateParameters: false);
                return new AcmeJwk { Kty = "RSA", N = Base64Url.EncodeToString(r.Modulus), E = Base64Url.EncodeToString(r.Exponent) };
            default:
                throw new CertwrightException(ErrorKind.Usage, $"ACME keys must be EC P-256, EC P-384 or RSA, not {key.GetType().Name}");
        }
    }

    /// <summary>The RFC 7638 thumbprint: SHA-256 over the required members in lexical order, base64url.</summary>
    public string Thumbprint() => Base64Url.EncodeToString(SHA256.HashData(JwkCanonical.Encode(this)));

    /// <summary>
    /// The verifying key this JWK describes; the caller disposes it.
    /// </summary>
    /// <exception cref="AcmeProtocolException">badPublicKey: unsupported key type or curve, or malformed members.</exception>
    public AsymmetricAlgorithm ToPublicKey() => JwkCanonical.ImportPublic(this);
}
