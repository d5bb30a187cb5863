using System.Text.Json;
using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Acme.Server.Internal;

/// <summary>newAccount (RFC 8555 §7.3), account update and deactivation (§7.3.2, §7.3.6) and the orders list (§7.1.2.1).</summary>
internal sealed class AcmeAccountHandler(AcmeServices services)
{
    private const int MaxContacts = 10;
    private const int MaxListedOrders = 1000;

    public async Task<AcmeResponse> NewAccountAsync(AcmeCall call, AcmeSigned signed, CancellationToken cancellationToken)
    {
        using var payload = signed.PayloadJson();
        var root = payload.RootElement;
        var existing = await services.Store.FindAccountByKeyAsync(call.Ca.Name, signed.Thumbprint, cancellationToken);
        if (existing is not null)
        {
            // §7.3.1: the same key again finds the account (200 with its URL), whatever else the payload says.
            return existing.Status == AcmeStatus.Valid
                ? AcmeResponses.Ok(AcmeJson.Account(existing, call.Urls), 200, call.Urls.Account(existing.Id))
                : throw AcmeProblemException.Unauthorized($"the account of this key is {existing.Status}");
        }

        if (root.TryGetProperty("onlyReturnExisting", out var only) && only.ValueKind == JsonValueKind.True)
        {
            throw AcmeProblemException.Of("accountDoesNotExist", "no account has this key at this CA (onlyReturnExisting)", 400);
        }

        var contact = Contacts(root) ?? [];
        var account = new AcmeAccount(AcmeIds.NewId(), call.Ca.Name, signed.Thumbprint, signed.CanonicalJwk, contact, AcmeStatus.Valid, services.Time.GetUtcNow());
        if (!await services.Store.AddAccountAsync(account, cancellationToken))
        {
            // A concurrent newAccount with the same key won: answer with that account.
            var winner = await services.Store.FindAccountByKeyAsync(call.Ca.Name, signed.Thumbprint, cancellationToken)
                ?? throw AcmeProblemException.Of("serverInternal", "the account could not be stored; retry", 500);
            return AcmeResponses.Ok(AcmeJson.Account(winner, call.Urls), 200, call.Urls.Account(winner.Id));
        }

        AcmeServerLog.AccountCreated(services.Logger, call.Ca.Name, account.Id);
        return AcmeResponses.Ok(AcmeJson.Account(account, call.Urls), 201, call.Urls.Account(account.Id));
    }

    public async Task<AcmeResponse> AccountAsync(AcmeCall call, AcmeSigned signed, string id, CancellationToken cancellationToken)
    {
        var account = Own(signed, id, call);
        if (signed.IsPostAsGet)
        {
            return AcmeResponses.Ok(AcmeJson.Account(account, call.Urls));
        }

        using var payload = signed.PayloadJson();
        var root = payload.RootElement;
        var updated = account;
        if (Contacts(root) is { } contact)
        {
            updated = updated with { Contact = contact };
        }

        if (root.TryGetProperty("status", out var status))
        {
            updated = status.ValueKind == JsonValueKind.String && status.GetString() == AcmeStatus.Deactivated
                ? updated with { Status = AcmeStatus.Deactivated }
                : throw AcmeProblemException.Malformed("an account's status can only be set to 'deactivated'");
        }

        if (!ReferenceEquals(updated, account))
        {
            await services.Store.UpdateAccountAsync(updated, cancellationToken);
        }

        return AcmeResponses.Ok(AcmeJson.Account(updated, call.Urls));
    }

    public async Task<AcmeResponse> OrdersAsync(AcmeCall call, AcmeSigned signed, string id, CancellationToken cancellationToken)
    {
        var account = Own(signed, id, call);
        var ids = await services.Store.ListOrderIdsAsync(call.Ca.Name, account.Id, MaxListedOrders, cancellationToken);
        return AcmeResponses.Ok(AcmeJson.OrderList(ids, call.Urls));
    }

    private static AcmeAccount Own(AcmeSigned signed, string id, AcmeCall call)
    {
        var account = signed.RequiredAccount;
        return account.Id == id ? account : throw AcmeProblemException.Unauthorized($"the JWS is signed by account {call.Urls.Account(account.Id)}, not by the account it addresses");
    }

    /// <summary>The payload's contact array (mailto: URLs only), or null when absent.</summary>
    private static string[]? Contacts(JsonElement root)
    {
        if (!root.TryGetProperty("contact", out var contact))
        {
            return null;
        }

        if (contact.ValueKind != JsonValueKind.Array || contact.GetArrayLength() > MaxContacts)
        {
            throw AcmeProblemException.Malformed($"'contact' must be an array of at most {MaxContacts} mailto: URLs");
        }

        var contacts = new List<string>();
        foreach (var item in contact.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw AcmeProblemException.Malformed("'contact' entries must be strings");
            if (!text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                throw AcmeProblemException.Of("unsupportedContact", $"contact '{Shorten(text)}' is not a mailto: URL", 400);
            }

            var address = text["mailto:".Length..];
            var at = address.IndexOf('@', StringComparison.Ordinal);
            if (address.Length > 254 || at <= 0 || at == address.Length - 1 || address.Any(c => c is <= ' ' or >= (char)127 or ',' or '?' or '%'))
            {
                throw AcmeProblemException.Of("invalidContact", $"contact '{Shorten(text)}' is not one email address", 400);
            }

            contacts.Add("mailto:" + address);
        }

        return [.. contacts];
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
