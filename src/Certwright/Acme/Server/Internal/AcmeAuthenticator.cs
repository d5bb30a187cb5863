using System.Text.Json;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// Checks a POST (RFC 8555 §6.2-6.5): Content-Type application/jose+json, a flattened JWS whose header follows ACME's rules
/// and whose 'url' is the request URL (<see cref="JwsVerifier"/>), a key (jwk, or kid naming a valid account of this CA),
/// a signature that verifies, and an unused nonce of this server.
/// </summary>
internal sealed class AcmeAuthenticator(AcmeServices services)
{
    /// <param name="call">The request.</param>
    /// <param name="keyInHeader">True for newAccount (jwk required), false for everything needing an account (kid required), null for revokeCert (either).</param>
    /// <param name="cancellationToken">Cancels the account look-up.</param>
    /// <exception cref="AcmeProblemException">The problem to answer.</exception>
    /// <exception cref="AcmeProtocolException">A wire-level refusal (malformed, badSignatureAlgorithm, badPublicKey, badNonce, unauthorized).</exception>
    public async Task<AcmeSigned> AuthenticateAsync(AcmeCall call, bool? keyInHeader, CancellationToken cancellationToken)
    {
        var contentType = call.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(contentType, JwsMessage.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw AcmeProblemException.Of("malformed", $"Content-Type '{call.Request.ContentType}' is not {JwsMessage.ContentType}", 415);
        }

        var jws = JwsMessage.Parse(call.Request.Body.Span).Decode();
        JwsVerifier.CheckAcmeHeader(jws, call.Request.Url);
        AcmeAccount? account = null;
        AcmeJwk key;
        if (jws.Header.Kid is { } kid)
        {
            if (keyInHeader == true)
            {
                throw AcmeProblemException.Malformed("newAccount must be signed with the account key in 'jwk', not a 'kid'");
            }

            var id = call.Urls.AccountId(kid) ?? throw AccountDoesNotExist(kid);
            account = await services.Store.FindAccountAsync(call.Ca.Name, id, cancellationToken) ?? throw AccountDoesNotExist(kid);
            if (account.Status != AcmeStatus.Valid)
            {
                throw AcmeProblemException.Unauthorized($"account {kid} is {account.Status}");
            }

            key = JsonSerializer.Deserialize(account.Jwk, AcmeJsonContext.Default.AcmeJwk)
                ?? throw new CertwrightException(ErrorKind.State, $"account {id} has no key in the database; restore it from a backup");
        }
        else
        {
            if (keyInHeader == false)
            {
                throw AcmeProblemException.Malformed("this resource needs a JWS signed with the account URL as 'kid', not a 'jwk'");
            }

            key = jws.Header.Jwk!;
        }

        if (!JwsVerifier.Verify(jws, key))
        {
            throw AcmeProblemException.Malformed("the JWS signature does not verify with the account key");
        }

        if (!services.Nonces.TryConsume(jws.Header.Nonce))
        {
            throw AcmeProblemException.BadNonce("the nonce was not issued by this server or was already used; retry with the Replay-Nonce of this answer");
        }

        return new AcmeSigned(jws, key, account);
    }

    private static AcmeProblemException AccountDoesNotExist(string kid) =>
        AcmeProblemException.Of("accountDoesNotExist", $"no account '{kid}' at this CA; create one with newAccount", 400);
}
