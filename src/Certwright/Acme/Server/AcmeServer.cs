using Certwright.Acme.Protocol;
using Certwright.Acme.Server.Internal;
using Certwright.Authority;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Certwright.Acme.Server;

/// <summary>
/// The ACME server (RFC 8555, with RFC 9773 renewal information) in front of Certwright's CAs, one directory per CA at
/// <c>/acme/{ca}/directory</c>. Host-neutral: the HTTP host hands over <see cref="AcmeRequest"/>s and writes the
/// <see cref="AcmeResponse"/>s; every answer carries a fresh Replay-Nonce and a Link to the directory, and every refusal is
/// a problem document (HTTP 500 only for a failure of the server itself, such as its database).
/// </summary>
public sealed class AcmeServer : IAsyncDisposable
{
    private readonly Dictionary<string, AcmeCa> _authorities;
    private readonly AcmeServices _services;
    private readonly AcmeAuthenticator _authenticator;
    private readonly AcmeAccountHandler _accounts;
    private readonly AcmeKeyChangeHandler _keyChange;
    private readonly AcmeOrderHandler _orders;
    private readonly AcmeChallengeHandler _challenges;
    private readonly AcmeFinalizer _finalizer;
    private readonly AcmeRevoker _revoker;
    private readonly AcmeRenewalInfoHandler _renewalInfo;

    public AcmeServer(IEnumerable<AcmeAuthority> authorities, IAcmeStore store, IAuthorityStore ledger, AcmeServerOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _authorities = authorities.ToDictionary(a => a.Name, a => new AcmeCa(a), StringComparer.Ordinal);
        _services = new AcmeServices(store, ledger, options, timeProvider, logger ?? NullLogger.Instance);
        _authenticator = new AcmeAuthenticator(_services);
        _accounts = new AcmeAccountHandler(_services);
        _keyChange = new AcmeKeyChangeHandler(_services);
        _orders = new AcmeOrderHandler(_services);
        _challenges = new AcmeChallengeHandler(_services, _orders);
        _finalizer = new AcmeFinalizer(_services, _orders);
        _revoker = new AcmeRevoker(_services);
        _renewalInfo = new AcmeRenewalInfoHandler(_services);
    }

    /// <summary>The CA names served, each at <c>/acme/{name}/directory</c>.</summary>
    public IReadOnlyCollection<string> AuthorityNames => _authorities.Keys;

    /// <summary>Forgets orders that expired unfinished more than a day ago (issued orders stay for download and revocation).</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        _services.Store.DeleteExpiredOrdersAsync(_services.Time.GetUtcNow() - TimeSpan.FromDays(1), cancellationToken);

    /// <summary>Answers one request whose path starts with <see cref="AcmeServerConstants.PathPrefix"/>.</summary>
    public async Task<AcmeResponse> HandleAsync(AcmeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? directory = null;
        AcmeResponse response;
        try
        {
            var (ca, resource) = Route(request.Url);
            var urls = new AcmeUrls(request.Url.GetLeftPart(UriPartial.Authority) + AcmeServerConstants.PathPrefix + ca.Name);
            directory = urls.Directory;
            response = await DispatchAsync(new AcmeCall(ca, urls, request, resource), cancellationToken);
        }
        catch (AcmeProblemException e)
        {
            response = AcmeResponses.Problem(e.Problem) with { Location = e.Location, RetryAfterSeconds = e.RetryAfterSeconds };
        }
        catch (AcmeProtocolException e)
        {
            // The wire layer's refusals (Acme/Protocol): same problem type, HTTP 403 for unauthorized, else 400.
            var type = e.Problem.Type.StartsWith(AcmeProblemTypes.Prefix, StringComparison.Ordinal) ? e.Problem.Type[AcmeProblemTypes.Prefix.Length..] : "malformed";
            response = AcmeResponses.Problem(new AcmeProblem(type, e.Problem.Detail ?? e.Message, type == "unauthorized" ? 403 : 400));
        }
        catch (CertwrightException e) when (e.Kind != ErrorKind.Usage)
        {
            AcmeServerLog.RequestFailed(_services.Logger, e, request.Url.AbsolutePath);
            response = AcmeResponses.Problem(new AcmeProblem("serverInternal", "the server failed to handle the request; retry later", 500));
        }

        return response with
        {
            ReplayNonce = _services.Nonces.Next(),
            Links = directory is null ? response.Links : [.. response.Links, (directory, "index")],
        };
    }

    /// <summary>The answer to a body over <see cref="AcmeServerConstants.MaxRequestBytes"/> (the host does not buffer more).</summary>
    public AcmeResponse RequestTooLarge() =>
        AcmeResponses.Problem(new AcmeProblem("malformed", $"the request body is larger than {AcmeServerConstants.MaxRequestBytes} bytes", 413)) with
        {
            ReplayNonce = _services.Nonces.Next(),
        };

    /// <summary>Waits until no http-01 validation is running (for tests).</summary>
    internal Task ValidationsIdleAsync() => _challenges.IdleAsync();

    public ValueTask DisposeAsync() => _challenges.DisposeAsync();

    private (AcmeCa Ca, string Resource) Route(Uri url)
    {
        var path = url.AbsolutePath;
        var rest = path.StartsWith(AcmeServerConstants.PathPrefix, StringComparison.Ordinal) ? path[AcmeServerConstants.PathPrefix.Length..] : "";
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? rest : rest[..slash];
        return _authorities.TryGetValue(name, out var ca)
            ? (ca, slash < 0 ? "" : rest[(slash + 1)..])
            : throw AcmeProblemException.NotFound($"no ACME directory for CA '{(name.Length > 64 ? name[..64] : name)}'; the directories are {string.Join(", ", _authorities.Keys.Select(n => $"/acme/{n}/directory"))}");
    }

    private async Task<AcmeResponse> DispatchAsync(AcmeCall call, CancellationToken cancellationToken)
    {
        var method = call.Request.Method;
        switch (call.Resource)
        {
            case "directory":
                return method is "GET" or "HEAD" ? AcmeResponses.Ok(AcmeJson.Directory(call.Urls)) : NotAllowed("GET");
            case "new-nonce":
                return method switch
                {
                    "HEAD" => AcmeResponses.Empty(200),
                    "GET" => AcmeResponses.Empty(204),
                    _ => NotAllowed("GET, HEAD"),
                };
            case var renewal when renewal.StartsWith("renewal-info/", StringComparison.Ordinal):
                return method is "GET" or "HEAD" ? await _renewalInfo.GetAsync(call, renewal["renewal-info/".Length..], cancellationToken) : NotAllowed("GET");
        }

        if (method != "POST")
        {
            return NotAllowed("POST");
        }

        var keyInHeader = call.Resource switch
        {
            "new-account" => true,
            "revoke-cert" => (bool?)null,
            _ => false,
        };
        var signed = await _authenticator.AuthenticateAsync(call, keyInHeader, cancellationToken);
        var (kind, id) = Split(call.Resource);
        return kind switch
        {
            "new-account" => await _accounts.NewAccountAsync(call, signed, cancellationToken),
            "new-order" => await _orders.NewOrderAsync(call, signed, cancellationToken),
            "revoke-cert" => await _revoker.RevokeAsync(call, signed, cancellationToken),
            "key-change" => await _keyChange.ChangeAsync(call, signed, cancellationToken),
            "acct" when id.EndsWith("/orders", StringComparison.Ordinal) => await _accounts.OrdersAsync(call, signed, id[..^"/orders".Length], cancellationToken),
            "acct" => await _accounts.AccountAsync(call, signed, id, cancellationToken),
            "order" when id.EndsWith("/finalize", StringComparison.Ordinal) => await _finalizer.FinalizeAsync(call, signed, id[..^"/finalize".Length], cancellationToken),
            "order" => await _orders.OrderAsync(call, signed, id, cancellationToken),
            "authz" => await _orders.AuthorizationAsync(call, signed, id, cancellationToken),
            "chall" => await _challenges.ChallengeAsync(call, signed, id, cancellationToken),
            "cert" => await _finalizer.CertificateAsync(call, signed, id, cancellationToken),
            _ => throw AcmeProblemException.NotFound($"no ACME resource '{call.Resource}'"),
        };
    }

    private static (string Kind, string Id) Split(string resource)
    {
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (resource, "") : (resource[..slash], resource[(slash + 1)..]);
    }

    private static AcmeResponse NotAllowed(string allow) =>
        AcmeResponses.Problem(new AcmeProblem("malformed", $"use {allow} on this resource", 405)) with { Allow = allow };
}
