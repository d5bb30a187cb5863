using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Certwright.Acme.Protocol;

/// <summary>Builds the flattened JWS of ACME requests (RFC 8555 section 6.2) and external account bindings (section 7.3.4).</summary>
public static class JwsSigner
{
    /// <summary>
    /// Signs <paramref name="payload"/> (empty for POST-as-GET) for <paramref name="url"/>. With <paramref name="kid"/> (the
    /// account URL) the header names the account; without it, it embeds the key's JWK (newAccount, revocation by certificate key).
    /// A null <paramref name="nonce"/> is only for the inner JWS of a key change.
    /// </summary>
    public static JwsMessage Sign(AcmeAccountKey key, ReadOnlySpan<byte> payload, Uri url, string? nonce, Uri? kid)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(url);
        var header = new JwsHeader
        {
            Alg = key.Algorithm,
            Jwk = kid is null ? key.Jwk : null,
            Kid = kid?.AbsoluteUri,
            Nonce = nonce,
            Url = url.AbsoluteUri,
        };
        return Assemble(header, payload, key.Sign);
    }

    /// <summary>Serializes <paramref name="payload"/> with the ACME JSON context and signs it.</summary>
    public static JwsMessage Sign<T>(AcmeAccountKey key, T payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Uri url, string? nonce, Uri? kid) =>
        Sign(key, JsonSerializer.SerializeToUtf8Bytes(payload, type), url, nonce, kid);

    /// <summary>
    /// The externalAccountBinding of a newAccount request: the account JWK as payload, MACed with HS256 under the CA's
    /// key identifier and (base64url-decoded) MAC key.
    /// </summary>
    public static JwsMessage SignExternalAccountBinding(string keyId, ReadOnlySpan<byte> macKey, AcmeJwk accountJwk, Uri newAccountUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentNullException.ThrowIfNull(newAccountUrl);
        var header = new JwsHeader { Alg = JwsAlgorithms.HS256, Kid = keyId, Url = newAccountUrl.AbsoluteUri };
        var payload = JsonSerializer.SerializeToUtf8Bytes(accountJwk, AcmeJsonContext.Default.AcmeJwk);
        var mac = macKey.ToArray();
        return Assemble(header, payload, input => HMACSHA256.HashData(mac, input));
    }

    private delegate byte[] SignFunc(ReadOnlySpan<byte> input);

    private static JwsMessage Assemble(JwsHeader header, ReadOnlySpan<byte> payload, SignFunc sign)
    {
        var protectedPart = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header, AcmeJsonContext.Default.JwsHeader));
        var payloadPart = Base64Url.EncodeToString(payload);
        var signature = sign(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return new JwsMessage { Protected = protectedPart, Payload = payloadPart, Signature = Base64Url.EncodeToString(signature) };
    }
}
