namespace Certwright.Acme.Server.Internal;

/// <summary>
/// Checks a POST (RFC 8555 §6.2-6.5): Content-Type application/jose+json, a flattened JWS whose 'url' is the request URL,
/// a key (jwk, or kid naming a valid account of this CA), a signature that verifies, and an unused nonce of this server.
/// </summary>
internal sealed class AcmeAuthenticator(AcmeServices services)
{
    public const string JoseContentType = "application/jose+json";

    /// <param name="call">The request.</param>
    /// <param name="keyInHeader">True for newAccount (jwk required), false for everything needing an account (kid required), null for revokeCert (either).</param>
    /// <param name="cancellationToken">Cancels the account look-up.</param>
    public async Task<AcmeSigned> AuthenticateAsync(AcmeCall call, bool? keyInHeader, CancellationToken cancellationToken)
    {
        var contentType = call.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(contentType, JoseContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw AcmeProblemException.Of("malformed", $"Content-Type '{call.Request.ContentType}' is not {JoseContentType}", 415);
        }

        var jws = AcmeJws.Parse(call.Request.Body.Span);
        AcmeJwk? key = null;
        try
        {
            if (!string.Equals(jws.Url, call.Request.Url.AbsoluteUri, StringComparison.Ordinal))
            {
                throw AcmeProblemException.Unauthorized($"the JWS 'url' '{jws.Url}' is not the request URL '{call.Request.Url.AbsoluteUri}'");
            }

            AcmeAccount? account = null;
            if (jws.KeyId is { } kid)
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

                key = AcmeJwk.FromStored(account.Jwk);
            }
            else
            {
                if (keyInHeader == false)
                {
                    throw AcmeProblemException.Malformed("this resource needs a JWS signed with the account URL as 'kid', not a 'jwk'");
                }

                key = AcmeJwk.Parse(jws.Jwk!.Value);
            }

            if (!key.Verify(jws.Algorithm, jws.SigningInput, jws.Signature))
            {
                throw AcmeProblemException.Malformed("the JWS signature does not verify with the account key");
            }

            if (!services.Nonces.TryConsume(jws.Nonce))
            {
                throw AcmeProblemException.BadNonce(jws.Nonce is null
                    ? "the JWS protected header has no 'nonce'; get one from newNonce"
                    : "the nonce was not issued by this server or was already used; retry with the Replay-Nonce of this answer");
            }

            return new AcmeSigned(jws, key, account);
        }
        catch
        {
            key?.Dispose();
            jws.Dispose();
            throw;
        }
    }

    private static AcmeProblemException AccountDoesNotExist(string kid) =>
        AcmeProblemException.Of("accountDoesNotExist", $"no account '{kid}' at this CA; create one with newAccount", 400);
}
