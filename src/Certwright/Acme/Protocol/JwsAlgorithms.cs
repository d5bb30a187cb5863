using System.Security.Cryptography;

namespace Certwright.Acme.Protocol;

/// <summary>The JWS algorithms ACME accounts use here (ES256, ES384, RS256; HS256 for external account binding) and their curves.</summary>
public static class JwsAlgorithms
{
    public const string ES256 = "ES256";
    public const string ES384 = "ES384";
    public const string RS256 = "RS256";
    public const string HS256 = "HS256";

    internal const int MinRsaBits = 2048;
    internal const int MaxRsaBits = 8192;

    /// <summary>The algorithms an account key may sign with, for the directory's and badSignatureAlgorithm's lists.</summary>
    public static IReadOnlyList<string> Signing { get; } = [ES256, ES384, RS256];

    /// <summary>The algorithm that goes with a JWK: ES256 for P-256, ES384 for P-384, RS256 for RSA.</summary>
    public static string ForJwk(AcmeJwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        return (jwk.Kty, jwk.Crv) switch
        {
            ("EC", "P-256") => ES256,
            ("EC", "P-384") => ES384,
            ("RSA", _) => RS256,
            _ => throw new AcmeProtocolException(AcmeProblemTypes.BadPublicKey, $"key type '{jwk.Kty}' {jwk.Crv} is not supported (EC P-256, EC P-384 or RSA)"),
        };
    }

    internal static string CurveName(ECCurve curve) => curve.Oid.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        _ => throw new CertwrightException(ErrorKind.Usage, $"ACME EC keys must use P-256 or P-384, not {curve.Oid.FriendlyName ?? curve.Oid.Value}"),
    };

    internal static ECCurve Curve(string name) => name switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        _ => throw new AcmeProtocolException(AcmeProblemTypes.BadPublicKey, $"curve '{name}' is not supported (P-256 or P-384)"),
    };

    internal static int CoordinateSize(ECCurve curve) => curve.Oid.Value == "1.3.132.0.34" ? 48 : 32;

    internal static HashAlgorithmName Hash(string alg) => alg == ES384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
}
