using System.Net;
using System.Text.Json;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Client;

public sealed partial class AcmeClient
{
    /// <summary>
    /// Creates the account for the current key (or returns the existing one: the server answers 200 for a known key),
    /// agreeing to the terms of service, with an external account binding when the CA requires one.
    /// </summary>
    public async Task<AcmeAccountResult> CreateAccountAsync(IReadOnlyList<string> contacts, AcmeExternalAccountBinding? binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var directory = await GetDirectoryAsync(cancellationToken);
        if (directory.Meta?.ExternalAccountRequired == true && binding is null)
        {
            throw new CertwrightException(
                ErrorKind.Usage, $"ACME server {Options.DirectoryUrl} requires external account binding; give the EAB key id and HMAC key from the CA");
        }

        var request = new AcmeAccount
        {
            Contact = contacts.Count == 0 ? null : [.. contacts.Select(c => c.Contains(':', StringComparison.Ordinal) ? c : "mailto:" + c)],
            TermsOfServiceAgreed = true,
            ExternalAccountBinding = binding is null
                ? null
                : JwsSigner.SignExternalAccountBinding(binding.KeyId, binding.MacKey, _accountKey.Jwk, directory.NewAccount),
        };
        return await NewAccountAsync(directory, request, cancellationToken);
    }

    /// <summary>Finds the account of the current key without creating one (onlyReturnExisting); null when there is none.</summary>
    public async Task<AcmeAccountResult?> FindAccountAsync(CancellationToken cancellationToken)
    {
        var directory = await GetDirectoryAsync(cancellationToken);
        try
        {
            return await NewAccountAsync(directory, new AcmeAccount { OnlyReturnExisting = true }, cancellationToken);
        }
        catch (AcmeProtocolException e) when (e.Problem.Type == AcmeProblemTypes.AccountDoesNotExist)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the account key with <paramref name="newKey"/> (RFC 8555 section 7.3.5): an inner JWS signed by the new
    /// key inside an outer JWS signed by the old. On success the client signs with the new key; the caller stores it.
    /// </summary>
    public async Task ChangeKeyAsync(AcmeAccountKey newKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        var account = AccountUrl ?? throw new InvalidOperationException("no ACME account yet: create or find it first");
        var directory = await GetDirectoryAsync(cancellationToken);
        var url = directory.KeyChange
            ?? throw new CertwrightException(ErrorKind.Remote, $"ACME server {Options.DirectoryUrl} does not offer key rollover (no keyChange in its directory)");
        var inner = JwsSigner.Sign(
            newKey, new AcmeKeyChange { Account = account, OldKey = _accountKey.Jwk }, AcmeJsonContext.Default.AcmeKeyChange, url, nonce: null, kid: null);
        await PostAsync(url, inner.ToJsonBytes(), cancellationToken);
        _accountKey = newKey;
    }

    /// <summary>Deactivates the account (RFC 8555 section 7.3.6); the CA refuses its requests afterwards.</summary>
    public async Task DeactivateAccountAsync(CancellationToken cancellationToken)
    {
        var account = AccountUrl ?? throw new InvalidOperationException("no ACME account yet: create or find it first");
        await PostAsync(account, JsonSerializer.SerializeToUtf8Bytes(new AcmeAccount { Status = AcmeStatus.Deactivated }, AcmeJsonContext.Default.AcmeAccount), cancellationToken);
    }

    private async Task<AcmeAccountResult> NewAccountAsync(AcmeDirectory directory, AcmeAccount request, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, AcmeJsonContext.Default.AcmeAccount);
        var key = _accountKey;
        var response = await _http.PostAsync(
            directory.NewAccount, directory.NewNonce, nonce => JwsSigner.Sign(key, payload, directory.NewAccount, nonce, kid: null), cancellationToken);
        var account = response.Body.Length == 0 ? new AcmeAccount() : response.Read(AcmeJsonContext.Default.AcmeAccount);
        AccountUrl = response.RequireLocation();
        var created = response.Status == HttpStatusCode.Created;
        AcmeLog.Account(Logger, AccountUrl, Options.DirectoryUrl, created ? "registered" : "found");
        return new AcmeAccountResult(AccountUrl, account, created);
    }
}
