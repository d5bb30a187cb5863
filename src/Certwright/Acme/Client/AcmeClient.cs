using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Protocol;
using Certwright.Renewal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Certwright.Acme.Client;

/// <summary>
/// An ACME client (RFC 8555) for one directory and one account key: accounts (with external account binding and key
/// rollover), orders, authorizations and challenges, finalization, certificate download, revocation and renewal
/// information (RFC 9773). Every request goes through a nonce pool with badNonce retry and Retry-After-aware backoff.
/// </summary>
public sealed partial class AcmeClient
{
    private readonly AcmeHttp _http;
    private AcmeDirectory? _directory;
    private AcmeAccountKey _accountKey;

    /// <param name="options">The directory URL and limits.</param>
    /// <param name="httpClient">The transport (its handler decides TLS trust); the client does not dispose it.</param>
    /// <param name="accountKey">The account key; the caller keeps ownership (and, after a key change, of the new key too).</param>
    /// <param name="timeProvider">For every wait (polling, backoff) and time limit.</param>
    /// <param name="logger">Retries, orders and validations; null for none.</param>
    public AcmeClient(AcmeClientOptions options, HttpClient httpClient, AcmeAccountKey accountKey, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(accountKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _http = new AcmeHttp(httpClient, options, timeProvider, logger ?? NullLogger.Instance);
        _accountKey = accountKey;
    }

    /// <summary>The account URL once the account is created or found (or set from storage); requests then use it as <c>kid</c>.</summary>
    public Uri? AccountUrl { get; set; }

    /// <summary>The key that signs requests now.</summary>
    public AcmeAccountKey AccountKey => _accountKey;

    public AcmeClientOptions Options => _http.Options;

    internal ILogger Logger => _http.Logger;

    /// <summary>The directory, fetched once.</summary>
    public async Task<AcmeDirectory> GetDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is not null)
        {
            return _directory;
        }

        var url = _http.Options.DirectoryUrl;
        var response = await _http.GetAsync(url, cancellationToken);
        if (response.IsProblem)
        {
            throw AcmeHttp.ProblemException(AcmeHttp.ReadProblem(response), response, "GET");
        }

        _directory = response.Read(AcmeJsonContext.Default.AcmeDirectory);
        return _directory;
    }

    /// <summary>The key authorization of a challenge token for the current account key.</summary>
    public string KeyAuthorizationFor(string token) => KeyAuthorization.Compute(token, _accountKey.Jwk);

    /// <summary>A signed POST with the account URL as kid (the account must exist).</summary>
    internal async Task<AcmeResponse> PostAsync(Uri url, byte[] payload, CancellationToken cancellationToken)
    {
        var kid = AccountUrl ?? throw new InvalidOperationException("no ACME account yet: create or find it first");
        var directory = await GetDirectoryAsync(cancellationToken);
        var key = _accountKey;
        return await _http.PostAsync(url, directory.NewNonce, nonce => JwsSigner.Sign(key, payload, url, nonce, kid), cancellationToken);
    }

    /// <summary>A POST-as-GET (RFC 8555 section 6.3): reads a resource with an empty signed payload.</summary>
    internal Task<AcmeResponse> PostAsGetAsync(Uri url, CancellationToken cancellationToken) => PostAsync(url, [], cancellationToken);

    /// <summary>
    /// The CA's suggested renewal window for <paramref name="certificate"/> (RFC 9773), with Retry-After; null when the
    /// directory has no renewalInfo resource.
    /// </summary>
    public async Task<RenewalWindow?> GetRenewalInfoAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var directory = await GetDirectoryAsync(cancellationToken);
        if (directory.RenewalInfo is null)
        {
            return null;
        }

        var baseUrl = directory.RenewalInfo.AbsoluteUri.TrimEnd('/');
        var url = new Uri(baseUrl + "/" + AcmeCertificateId.FromCertificate(certificate));
        var response = await _http.GetAsync(url, cancellationToken);
        if (response.IsProblem)
        {
            throw AcmeHttp.ProblemException(AcmeHttp.ReadProblem(response), response, "GET");
        }

        var info = response.Read(AcmeJsonContext.Default.AcmeRenewalInfo);
        if (info.SuggestedWindow.End <= info.SuggestedWindow.Start)
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"ACME server sent a renewal window that ends before it starts ({url})");
        }

        return new RenewalWindow(info.SuggestedWindow.Start, info.SuggestedWindow.End, info.ExplanationUrl, response.RetryAfter?.At);
    }
}
