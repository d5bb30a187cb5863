using System.Text.Json;

namespace Certwright.Acme.Protocol;

public static partial class JwsVerifier
{
    /// <summary>
    /// Checks the inner JWS of a keyChange request (RFC 8555 section 7.3.5): signed with a supported algorithm by the new
    /// key given as jwk, no kid, no nonce, the outer request's url; returns the new key when the signature verifies.
    /// </summary>
    /// <exception cref="AcmeProtocolException">malformed or badSignatureAlgorithm: a header rule is broken or the signature does not verify.</exception>
    public static AcmeJwk CheckKeyChangeInner(DecodedJws inner, DecodedJws outer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outer);
        var header = inner.Header;
        if (!JwsAlgorithms.Signing.Contains(header.Alg))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.BadSignatureAlgorithm, $"the inner JWS alg '{header.Alg}' is not supported");
        }

        if (header.Jwk is null || header.Kid is not null || header.Nonce is not null)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the inner keyChange JWS must have a jwk, and no kid or nonce");
        }

        if (!string.Equals(header.Url, outer.Header.Url, StringComparison.Ordinal))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the inner keyChange JWS url differs from the outer one");
        }

        return Verify(inner, header.Jwk)
            ? header.Jwk
            : throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the inner keyChange JWS signature does not verify with its jwk");
    }

    /// <summary>
    /// Checks an external account binding (RFC 8555 section 7.3.4) of a newAccount request to <paramref name="newAccountUrl"/>
    /// for <paramref name="accountKey"/>: HS256 under a kid, no nonce, the same url, the account key as payload. Returns the
    /// key id; the caller looks up its MAC key and calls <see cref="VerifyMac"/>.
    /// </summary>
    /// <exception cref="AcmeProtocolException">malformed: a rule is broken.</exception>
    public static string CheckExternalAccountBinding(DecodedJws binding, Uri newAccountUrl, AcmeJwk accountKey)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(newAccountUrl);
        var header = binding.Header;
        if (header.Alg != JwsAlgorithms.HS256 || string.IsNullOrEmpty(header.Kid) || header.Nonce is not null || header.Jwk is not null)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the externalAccountBinding must be HS256 with a kid and no nonce or jwk");
        }

        if (!string.Equals(header.Url, newAccountUrl.AbsoluteUri, StringComparison.Ordinal))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the externalAccountBinding url is not the newAccount URL");
        }

        AcmeJwk? bound;
        try
        {
            bound = JsonSerializer.Deserialize(binding.Payload, AcmeJsonContext.Default.AcmeJwk);
        }
        catch (JsonException)
        {
            bound = null;
        }

        return bound is not null && bound.Thumbprint() == accountKey.Thumbprint()
            ? header.Kid
            : throw new AcmeProtocolException(AcmeProblemTypes.Malformed, "the externalAccountBinding payload is not the account key");
    }
}
