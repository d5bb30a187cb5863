namespace Certwright.Acme.Server.Internal;

/// <summary>The URLs of one CA's ACME resources under <c>{scheme}://{host}/acme/{ca}/</c>, as the client addressed the server.</summary>
internal sealed class AcmeUrls(string baseUrl)
{
    /// <summary><c>https://host:port/acme/{ca}</c>, no trailing slash.</summary>
    public string Base { get; } = baseUrl;

    public string Directory => Base + "/directory";

    public string NewNonce => Base + "/new-nonce";

    public string NewAccount => Base + "/new-account";

    public string NewOrder => Base + "/new-order";

    public string RevokeCert => Base + "/revoke-cert";

    public string KeyChange => Base + "/key-change";

    public string RenewalInfo => Base + "/renewal-info";

    public string Account(string id) => $"{Base}/acct/{id}";

    public string Orders(string accountId) => $"{Base}/acct/{accountId}/orders";

    public string Order(string id) => $"{Base}/order/{id}";

    public string Finalize(string orderId) => $"{Base}/order/{orderId}/finalize";

    public string Authorization(string orderId, int index) => $"{Base}/authz/{orderId}-{index}";

    public string Challenge(string orderId, int index, int challenge) => $"{Base}/chall/{orderId}-{index}-{challenge}";

    public string Certificate(string orderId) => $"{Base}/cert/{orderId}";

    /// <summary>The account id in a kid URL of this CA, or null.</summary>
    public string? AccountId(string kid)
    {
        var prefix = Base + "/acct/";
        if (!kid.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = kid[prefix.Length..];
        return AcmeIds.IsId(id) ? id : null;
    }
}
