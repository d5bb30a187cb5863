using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Acme.Server.Internal;

/// <summary>The order state machine (RFC 8555 §7.1.6) as pure functions of the stored order and the time.</summary>
internal static class AcmeOrderState
{
    /// <summary>The order as it stands at <paramref name="now"/>: an unfinished order past its expiry is invalid, its pending authorizations expired.</summary>
    public static AcmeOrder AtTime(AcmeOrder order, DateTimeOffset now)
    {
        if (now < order.Expires || order.Status is AcmeStatus.Valid or AcmeStatus.Invalid)
        {
            return order;
        }

        return order with
        {
            Status = AcmeStatus.Invalid,
            Authorizations = [.. order.Authorizations.Select(a => a.Status == AcmeStatus.Pending ? a with { Status = AcmeStatus.Expired } : a)],
            Error = new AcmeProblem("malformed", "the order expired before it was finalized", 403),
        };
    }

    /// <summary>The order after challenge <paramref name="challenge"/> of authorization <paramref name="index"/> got its result.</summary>
    public static AcmeOrder WithResult(AcmeOrder order, int index, int challenge, AcmeProblem? problem, DateTimeOffset now)
    {
        var authorization = order.Authorizations[index];
        var challenges = authorization.Challenges.ToArray();
        challenges[challenge] = challenges[challenge] with
        {
            Status = problem is null ? AcmeStatus.Valid : AcmeStatus.Invalid,
            Validated = problem is null ? now : null,
            Error = problem,
        };
        var authorizations = order.Authorizations.ToArray();
        authorizations[index] = authorization with { Status = problem is null ? AcmeStatus.Valid : AcmeStatus.Invalid, Challenges = challenges };
        return Recompute(order with { Authorizations = authorizations });
    }

    /// <summary>pending -> ready when every authorization is valid; -> invalid when one is invalid, deactivated or expired.</summary>
    public static AcmeOrder Recompute(AcmeOrder order)
    {
        if (order.Status != AcmeStatus.Pending)
        {
            return order;
        }

        if (order.Authorizations.FirstOrDefault(a => a.Status is AcmeStatus.Invalid or AcmeStatus.Deactivated or AcmeStatus.Expired) is { } failed)
        {
            var error = failed.Challenges.Select(c => c.Error).FirstOrDefault(e => e is not null)
                ?? new AcmeProblem("unauthorized", $"the authorization of '{failed.Identifier}' is {failed.Status}", 403);
            return order with { Status = AcmeStatus.Invalid, Error = error };
        }

        return order.Authorizations.All(a => a.Status == AcmeStatus.Valid) ? order with { Status = AcmeStatus.Ready } : order;
    }
}
