using System.Text.Json;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// keyChange (RFC 8555 §7.3.5): the outer JWS is signed by the account (kid); its payload is an inner JWS signed by the new
/// key (jwk, same url, no nonce) whose payload names the account and its current key.
/// </summary>
internal sealed class AcmeKeyChangeHandler(AcmeServices services)
{
    public async Task<AcmeResponse> ChangeAsync(AcmeCall call, AcmeSigned signed, CancellationToken cancellationToken)
    {
        var account = signed.RequiredAccount;
        var inner = JwsMessage.Parse(signed.Jws.Payload).Decode();
        var header = inner.Header;
        if (header.Jwk is not { } newKey || header.Kid is not null)
        {
            throw AcmeProblemException.Malformed("the inner JWS of keyChange must be signed with the new key in 'jwk'");
        }

        if (header.Url != signed.Jws.Header.Url || header.Nonce is not null)
        {
            throw AcmeProblemException.Malformed("the inner JWS of keyChange must have the same 'url' as the outer one and no 'nonce'");
        }

        if (!JwsVerifier.Verify(inner, newKey))
        {
            throw AcmeProblemException.Malformed("the inner JWS signature does not verify with the new key");
        }

        using (var payload = AcmePayload.Parse(inner.Payload))
        {
            var root = payload.RootElement;
            if (!root.TryGetProperty("account", out var url) || url.ValueKind != JsonValueKind.String || url.GetString() != call.Urls.Account(account.Id))
            {
                throw AcmeProblemException.Malformed("the inner payload's 'account' is not the URL of the account that signed the outer JWS");
            }

            AcmeJwk? oldKey;
            try
            {
                oldKey = root.TryGetProperty("oldKey", out var old) && old.ValueKind == JsonValueKind.Object
                    ? old.Deserialize(AcmeJsonContext.Default.AcmeJwk)
                    : null;
            }
            catch (JsonException)
            {
                oldKey = null;
            }

            if (oldKey is null || oldKey.Thumbprint() != account.KeyThumbprint)
            {
                throw AcmeProblemException.Malformed("the inner payload's 'oldKey' is not the account's current key");
            }
        }

        var thumbprint = newKey.Thumbprint();
        if (await services.Store.FindAccountByKeyAsync(call.Ca.Name, thumbprint, cancellationToken) is { } holder)
        {
            throw new AcmeProblemException(new AcmeProblem("malformed", "the new key already belongs to an account", 409)) { Location = call.Urls.Account(holder.Id) };
        }

        var updated = account with { KeyThumbprint = thumbprint, Jwk = System.Text.Encoding.UTF8.GetString(JwkCanonical.Encode(newKey)) };
        if (!await services.Store.UpdateAccountAsync(updated, cancellationToken))
        {
            throw AcmeProblemException.Of("malformed", "the new key was just taken by another account", 409);
        }

        return AcmeResponses.Ok(AcmeJson.Account(updated, call.Urls));
    }
}
