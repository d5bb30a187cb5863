using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// An account public key from a JWS header (RFC 7517): RSA (2048-8192 bits) or EC P-256/P-384/P-521. Keeps the RFC 7638
/// canonical JSON (the required members in lexicographic order), which is also its stored form and its thumbprint input.
/// </summary>
internal sealed class AcmeJwk : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private AcmeJwk(AsymmetricAlgorithm key, string canonicalJson)
    {
        _key = key;
        CanonicalJson = canonicalJson;
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
    }

    public string CanonicalJson { get; }

    /// <summary>RFC 7638 SHA-256 thumbprint, base64url (the second half of a key authorization).</summary>
    public string Thumbprint { get; }

    /// <exception cref="AcmeProblemException">badPublicKey or malformed.</exception>
    public static AcmeJwk Parse(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw AcmeProblemException.Malformed("the JWS header 'jwk' is not a JSON object");
        }

        switch (Member(jwk, "kty"))
        {
            case "RSA":
                var n = Member(jwk, "n");
                var e = Member(jwk, "e");
                var modulus = Decode(n, "n").AsSpan().TrimStart((byte)0).ToArray();
                if (modulus.Length * 8 is < 2048 or > 8192)
                {
                    throw AcmeProblemException.Of("badPublicKey", $"an RSA account key of {modulus.Length * 8} bits is not accepted; use 2048 to 8192 bits or an EC key", 400);
                }

                var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = Decode(e, "e") });
                return new AcmeJwk(rsa, $$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}""");
            case "EC":
                var crv = Member(jwk, "crv");
                var x = Member(jwk, "x");
                var y = Member(jwk, "y");
                var (curve, size) = crv switch
                {
                    "P-256" => (ECCurve.NamedCurves.nistP256, 32),
                    "P-384" => (ECCurve.NamedCurves.nistP384, 48),
                    "P-521" => (ECCurve.NamedCurves.nistP521, 66),
                    _ => throw AcmeProblemException.Of("badPublicKey", $"EC curve '{crv}' is not accepted; use P-256, P-384 or P-521", 400),
                };
                var point = new ECPoint { X = Decode(x, "x"), Y = Decode(y, "y") };
                if (point.X!.Length != size || point.Y!.Length != size)
                {
                    throw AcmeProblemException.Malformed($"the {crv} JWK coordinates are not {size} bytes each");
                }

                try
                {
                    return new AcmeJwk(ECDsa.Create(new ECParameters { Curve = curve, Q = point }), $$"""{"crv":"{{crv}}","kty":"EC","x":"{{x}}","y":"{{y}}"}""");
                }
                catch (CryptographicException)
                {
                    throw AcmeProblemException.Of("badPublicKey", $"the {crv} JWK is not a point on the curve", 400);
                }

            case var kty:
                throw AcmeProblemException.Of("badPublicKey", $"JWK key type '{kty}' is not accepted; use RSA or EC", 400);
        }
    }

    /// <summary>Reads a stored key (its canonical JSON).</summary>
    public static AcmeJwk FromStored(string canonicalJson)
    {
        using var document = JsonDocument.Parse(canonicalJson);
        return Parse(document.RootElement);
    }

    /// <summary>Whether <paramref name="algorithm"/> suits this key and <paramref name="signature"/> verifies over <paramref name="data"/>.</summary>
    public bool Verify(string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => (_key, algorithm) switch
    {
        (RSA rsa, "RS256") => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        (RSA rsa, "RS384") => rsa.VerifyData(data, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
        (RSA rsa, "RS512") => rsa.VerifyData(data, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
        (RSA rsa, "PS256") => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        (ECDsa ec, "ES256") when ec.KeySize == 256 => ec.VerifyData(data, signature, HashAlgorithmName.SHA256),
        (ECDsa ec, "ES384") when ec.KeySize == 384 => ec.VerifyData(data, signature, HashAlgorithmName.SHA384),
        (ECDsa ec, "ES512") when ec.KeySize == 521 => ec.VerifyData(data, signature, HashAlgorithmName.SHA512),
        _ => throw AcmeProblemException.Of("badSignatureAlgorithm", $"JWS algorithm '{algorithm}' does not fit the {KeyDescription} account key; use RS256 for RSA, ES256/ES384/ES512 for P-256/P-384/P-521", 400),
    };

    /// <summary>The key as X.509 SubjectPublicKeyInfo DER (to compare with a certificate's key).</summary>
    public byte[] SubjectPublicKeyInfo() => _key.ExportSubjectPublicKeyInfo();

    public void Dispose() => _key.Dispose();

    private string KeyDescription => _key is RSA ? "RSA" : $"EC P-{(_key.KeySize == 521 ? 521 : _key.KeySize)}";

    private static string Member(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 2048 } text
            && Base64UrlText.IsCanonical(text)
            ? text
            : throw AcmeProblemException.Malformed($"the JWK member '{name}' is missing or not a base64url string");

    private static byte[] Decode(string text, string name) =>
        Base64UrlText.TryDecode(text) ?? throw AcmeProblemException.Malformed($"the JWK member '{name}' is not base64url");
}
