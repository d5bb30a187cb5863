using System.Text.Json;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// keyChange (RFC 8555 §7.3.5): the outer JWS is signed by the account (kid); its payload is an inner JWS signed by the new
/// key (jwk, same url, no nonce) whose payload names the account and its current key.
/// </summary>
internal sealed class AcmeKeyChange(AcmeServices services)
{
    public async Task<AcmeResponse> ChangeAsync(AcmeCall call, AcmeSigned signed, CancellationToken cancellationToken)
    {
        var account = signed.RequiredAccount;
        using var inner = AcmeJws.Parse(signed.Jws.Payload);
        if (inner.Jwk is null || inner.KeyId is not null)
        {
            throw AcmeProblemException.Malformed("the inner JWS of keyChange must be signed with the new key in 'jwk'");
        }

        if (inner.Url != signed.Jws.Url || inner.Nonce is not null)
        {
            throw AcmeProblemException.Malformed("the inner JWS of keyChange must have the same 'url' as the outer one and no 'nonce'");
        }

        using var newKey = AcmeJwk.Parse(inner.Jwk.Value);
        if (!newKey.Verify(inner.Algorithm, inner.SigningInput, inner.Signature))
        {
            throw AcmeProblemException.Malformed("the inner JWS signature does not verify with the new key");
        }

        using (var payload = inner.PayloadJson())
        {
            var root = payload.RootElement;
            if (!root.TryGetProperty("account", out var url) || url.ValueKind != JsonValueKind.String || url.GetString() != call.Urls.Account(account.Id))
            {
                throw AcmeProblemException.Malformed("the inner payload's 'account' is not the URL of the account that signed the outer JWS");
            }

            using var oldKey = root.TryGetProperty("oldKey", out var old) ? AcmeJwk.Parse(old) : throw AcmeProblemException.Malformed("the inner payload has no 'oldKey'");
            if (oldKey.Thumbprint != account.KeyThumbprint)
            {
                throw AcmeProblemException.Malformed("the inner payload's 'oldKey' is not the account's current key");
            }
        }

        if (await services.Store.FindAccountByKeyAsync(call.Ca.Name, newKey.Thumbprint, cancellationToken) is { } holder)
        {
            throw new AcmeProblemException(new AcmeProblem("malformed", "the new key already belongs to an account", 409)) { Location = call.Urls.Account(holder.Id) };
        }

        var updated = account with { KeyThumbprint = newKey.Thumbprint, Jwk = newKey.CanonicalJson };
        if (!await services.Store.UpdateAccountAsync(updated, cancellationToken))
        {
            throw AcmeProblemException.Of("malformed", "the new key was just taken by another account", 409);
        }

        return AcmeResponses.Ok(AcmeJson.Account(updated, call.Urls));
    }
}
