using System.Text.Json;
using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Acme.Server.Internal;

/// <summary>newOrder (RFC 8555 §7.4), reading orders, and authorizations with their deactivation (§7.5, §7.5.2).</summary>
internal sealed class AcmeOrderHandler(AcmeServices services)
{
    public const string Http01 = "http-01";

    public async Task<AcmeResponse> NewOrderAsync(AcmeCall call, AcmeSigned signed, CancellationToken cancellationToken)
    {
        var account = signed.RequiredAccount;
        using var payload = signed.PayloadJson();
        var root = payload.RootElement;
        var names = AcmeIdentifiers.Read(root, call.Ca.Profile);
        if (root.TryGetProperty("notBefore", out _) || root.TryGetProperty("notAfter", out _))
        {
            throw AcmeProblemException.Malformed($"this server does not take notBefore/notAfter; certificates get the validity of profile '{call.Ca.Profile.Name}'");
        }

        var now = services.Time.GetUtcNow();
        var open = await services.Store.CountOpenOrdersAsync(call.Ca.Name, account.Id, now, cancellationToken);
        if (open >= services.Options.MaxOpenOrdersPerAccount)
        {
            throw new AcmeProblemException(new AcmeProblem("rateLimited", $"the account has {open} unfinished orders; finish or let them expire before ordering more", 429))
            {
                RetryAfterSeconds = 3600,
            };
        }

        var expires = now + services.Options.OrderLifetime;
        var order = new AcmeOrder(
            AcmeIds.NewId(), call.Ca.Name, account.Id, AcmeStatus.Pending, expires, names,
            [.. names.Select(name => new AcmeAuthorization(name, AcmeStatus.Pending, expires, [new AcmeChallenge(Http01, AcmeIds.NewToken(), AcmeStatus.Pending, null, null)]))],
            null, null, now);
        await services.Store.SaveOrderAsync(order, cancellationToken);
        return AcmeResponses.Ok(AcmeJson.Order(order, call.Urls), 201, call.Urls.Order(order.Id));
    }

    public async Task<AcmeResponse> OrderAsync(AcmeCall call, AcmeSigned signed, string id, CancellationToken cancellationToken)
    {
        RequirePostAsGet(signed);
        var order = await FindOwnedAsync(call, signed, id, cancellationToken);
        return AcmeResponses.Ok(AcmeJson.Order(order, call.Urls));
    }

    public async Task<AcmeResponse> AuthorizationAsync(AcmeCall call, AcmeSigned signed, string id, CancellationToken cancellationToken)
    {
        var (orderId, indexes) = AcmeIds.Split(id, 1) ?? throw AcmeProblemException.NotFound($"no authorization '{id}'");
        var index = indexes[0];
        if (signed.IsPostAsGet)
        {
            var order = await FindOwnedAsync(call, signed, orderId, cancellationToken);
            return index < order.Authorizations.Count
                ? AcmeResponses.Ok(AcmeJson.Authorization(order, index, call.Urls))
                : throw AcmeProblemException.NotFound($"no authorization '{id}'");
        }

        using (var payload = signed.PayloadJson())
        {
            if (!payload.RootElement.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String || status.GetString() != AcmeStatus.Deactivated)
            {
                throw AcmeProblemException.Malformed("an authorization's status can only be set to 'deactivated'");
            }
        }

        using (await services.LockOrderAsync(orderId, cancellationToken))
        {
            var order = await FindOwnedAsync(call, signed, orderId, cancellationToken);
            if (index >= order.Authorizations.Count)
            {
                throw AcmeProblemException.NotFound($"no authorization '{id}'");
            }

            var authorization = order.Authorizations[index];
            if (authorization.Status is not (AcmeStatus.Pending or AcmeStatus.Valid))
            {
                throw AcmeProblemException.Malformed($"the authorization is {authorization.Status}; only pending or valid ones can be deactivated");
            }

            var authorizations = order.Authorizations.ToArray();
            authorizations[index] = authorization with { Status = AcmeStatus.Deactivated };
            order = order with { Authorizations = authorizations };
            if (order.Status is AcmeStatus.Ready)
            {
                order = order with { Status = AcmeStatus.Pending };
            }

            order = AcmeOrderState.Recompute(order);
            await services.Store.SaveOrderAsync(order, cancellationToken);
            return AcmeResponses.Ok(AcmeJson.Authorization(order, index, call.Urls));
        }
    }

    /// <summary>The order at the current time, if <paramref name="signed"/>'s account owns it.</summary>
    public async Task<AcmeOrder> FindOwnedAsync(AcmeCall call, AcmeSigned signed, string id, CancellationToken cancellationToken)
    {
        var account = signed.RequiredAccount;
        var order = (AcmeIds.IsId(id) ? await services.Store.FindOrderAsync(call.Ca.Name, id, cancellationToken) : null)
            ?? throw AcmeProblemException.NotFound($"no order '{id}' at CA '{call.Ca.Name}'");
        return order.AccountId == account.Id
            ? AcmeOrderState.AtTime(order, services.Time.GetUtcNow())
            : throw AcmeProblemException.Unauthorized($"order '{id}' belongs to another account");
    }

    public static void RequirePostAsGet(AcmeSigned signed)
    {
        if (!signed.IsPostAsGet)
        {
            throw AcmeProblemException.Malformed("this resource is read with POST-as-GET (an empty payload)");
        }
    }
}
