using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Certwright.Acme.Protocol;

/// <summary>The RFC 7638 canonical JSON of a JWK, and the import of a JWK into a platform key.</summary>
internal static class JwkCanonical
{
    public static byte[] Encode(AcmeJwk jwk)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // Required members only, in lexical order, no whitespace (RFC 7638 section 3.2).
            writer.WriteStartObject();
            switch (jwk.Kty)
            {
                case "EC":
                    writer.WriteString("crv", Require(jwk.Crv, "crv"));
                    writer.WriteString("kty", "EC");
                    writer.WriteString("x", Require(jwk.X, "x"));
                    writer.WriteString("y", Require(jwk.Y, "y"));
                    break;
                case "RSA":
                    writer.WriteString("e", Require(jwk.E, "e"));
                    writer.WriteString("kty", "RSA");
                    writer.WriteString("n", Require(jwk.N, "n"));
                    break;
                default:
                    throw BadKey($"key type '{jwk.Kty}' is not supported (EC or RSA)");
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static AsymmetricAlgorithm ImportPublic(AcmeJwk jwk)
    {
        try
        {
            switch (jwk.Kty)
            {
                case "EC":
                    var curve = JwsAlgorithms.Curve(Require(jwk.Crv, "crv"));
                    var size = JwsAlgorithms.CoordinateSize(curve);
                    var x = Base64Url.DecodeFromChars(Require(jwk.X, "x"));
                    var y = Base64Url.DecodeFromChars(Require(jwk.Y, "y"));
                    if (x.Length != size || y.Length != size)
                    {
                        throw BadKey($"EC coordinates must be {size} bytes");
                    }

                    return ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
                case "RSA":
                    var n = Base64Url.DecodeFromChars(Require(jwk.N, "n"));
                    var e = Base64Url.DecodeFromChars(Require(jwk.E, "e"));
                    if (n.Length * 8 < JwsAlgorithms.MinRsaBits || n.Length * 8 > JwsAlgorithms.MaxRsaBits)
                    {
                        throw BadKey($"RSA keys must have {JwsAlgorithms.MinRsaBits} to {JwsAlgorithms.MaxRsaBits} bits");
                    }

                    return RSA.Create(new RSAParameters { Modulus = n, Exponent = e });
                default:
                    throw BadKey($"key type '{jwk.Kty}' is not supported (EC or RSA)");
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw BadKey($"the JWK is malformed ({ex.Message.TrimEnd('.')})");
        }
    }

    private static string Require(string? value, string member) =>
        string.IsNullOrEmpty(value) ? throw BadKey($"the JWK has no '{member}'") : value;

    private static AcmeProtocolException BadKey(string detail) => new(AcmeProblemTypes.BadPublicKey, detail);
}
