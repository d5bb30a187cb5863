using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Certwright.Acme.Protocol;

/// <summary>
/// The server side of ACME's JWS: decode, check the protected header's ACME rules (RFC 8555 section 6.2) and verify the
/// signature against the embedded JWK or the account's key.
/// </summary>
public static class JwsVerifier
{
    /// <exception cref="AcmeProtocolException">malformed: bad base64url or header JSON.</exception>
    public static DecodedJws Decode(JwsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var headerBytes = Base64Url.DecodeFromChars(message.Protected);
            var header = JsonSerializer.Deserialize(headerBytes, AcmeJsonContext.Default.JwsHeader)
                ?? throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the JWS protected header is null");
            var payload = Base64Url.DecodeFromChars(message.Payload);
            var signature = Base64Url.DecodeFromChars(message.Signature);
            var signingInput = Encoding.ASCII.GetBytes(message.Protected + "." + message.Payload);
            return new DecodedJws(header, payload, signingInput, signature);
        }
        catch (FormatException e)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"the JWS is not base64url ({e.Message.TrimEnd('.')})");
        }
        catch (JsonException e)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"the JWS protected header is not valid ({e.Message})");
        }
    }

    /// <summary>
    /// Checks the header of an ACME request to <paramref name="requestUrl"/>: a supported signature algorithm, exactly one of
    /// jwk and kid, a nonce (its freshness is the server's check), and a url equal to the request URL.
    /// </summary>
    /// <exception cref="AcmeProtocolException">badSignatureAlgorithm, malformed, badNonce or unauthorized.</exception>
    public static void CheckAcmeHeader(DecodedJws jws, Uri requestUrl)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(requestUrl);
        var header = jws.Header;
        if (!JwsAlgorithms.Signing.Contains(header.Alg))
        {
            throw new AcmeProtocolException(
                AcmeProblemTypes.BadSignatureAlgorithm, $"alg '{header.Alg}' is not supported; use one of {string.Join(", ", JwsAlgorithms.Signing)}");
        }

        if ((header.Jwk is null) == (header.Kid is null))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the JWS header must have exactly one of 'jwk' and 'kid'");
        }

        if (string.IsNullOrEmpty(header.Nonce))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.BadNonce, "the JWS header has no nonce");
        }

        if (!string.Equals(header.Url, requestUrl.AbsoluteUri, StringComparison.Ordinal))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Unauthorized, $"the JWS header url '{header.Url}' is not the request URL '{requestUrl.AbsoluteUri}'");
        }
    }

    /// <summary>Whether the signature verifies with <paramref name="key"/> under the header's alg, which must suit the key.</summary>
    /// <exception cref="AcmeProtocolException">badPublicKey / badSignatureAlgorithm: the key cannot be used or does not match the alg.</exception>
    public static bool Verify(DecodedJws jws, AcmeJwk key)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(key);
        var expected = JwsAlgorithms.ForJwk(key);
        if (!string.Equals(jws.Header.Alg, expected, StringComparison.Ordinal))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.BadSignatureAlgorithm, $"alg '{jws.Header.Alg}' does not match the key; expected {expected}");
        }

        using var publicKey = key.ToPublicKey();
        return publicKey switch
        {
            ECDsa ec => jws.Signature.Length == 2 * JwsAlgorithms.CoordinateSize(ec.ExportParameters(false).Curve)
                && ec.VerifyData(jws.SigningInput, jws.Signature, JwsAlgorithms.Hash(expected), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.VerifyData(jws.SigningInput, jws.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };
    }

    /// <summary>Whether an HS256 JWS (an external account binding) verifies with <paramref name="macKey"/>; constant-time compare.</summary>
    public static bool VerifyMac(DecodedJws jws, ReadOnlySpan<byte> macKey)
    {
        ArgumentNullException.ThrowIfNull(jws);
        if (!string.Equals(jws.Header.Alg, JwsAlgorithms.HS256, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(macKey, jws.SigningInput);
        return CryptographicOperations.FixedTimeEquals(expected, jws.Signature);
    }
}
