using System.Collections.Concurrent;
using Org.BouncyCastle.Ocsp;

namespace Certwright.Revocation.Internal;

/// <summary>
/// Queries OCSP responders (GET for small requests when preferred, else POST) and keeps each validated
/// answer in memory, keyed by CertID, until its nextUpdate.
/// </summary>
internal sealed class OcspClient
{
    private const string RequestContentType = "application/ocsp-request";

    private readonly RevocationHttp _http;
    private readonly RevocationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, RevocationAnswer> _cache = new(StringComparer.Ordinal);

    public OcspClient(RevocationHttp http, RevocationOptions options, TimeProvider timeProvider)
    {
        _http = http;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <exception cref="RevocationFetchException">The responder could not be reached or its answer is not valid.</exception>
    public async Task<RevocationAnswer> QueryAsync(Uri responder, CheckSubject subject, CancellationToken cancellationToken)
    {
        CertificateID id;
        try
        {
            id = OcspRequestBuilder.CertificateId(subject);
        }
        catch (Exception e) when (BouncyCastleFailure.Is(e))
        {
            throw new RevocationFetchException($"cannot build an OCSP request for serial {subject.Certificate.SerialNumber}: {e.Message}", e);
        }

        var key = OcspRequestBuilder.CacheKey(id);
        if (_cache.TryGetValue(key, out var cached) && cached.NextUpdate > _timeProvider.GetUtcNow())
        {
            return cached;
        }

        var nonce = _options.UseNonce ? OcspRequestBuilder.NewNonce() : null;
        var request = OcspRequestBuilder.Build(id, nonce);
        var getUri = OcspRequestBuilder.GetUri(responder, request);
        var response = _options.PreferGet && getUri.AbsoluteUri.Length - responder.AbsoluteUri.Length <= RevocationDefaults.MaxGetRequestLength
            ? await _http.GetAsync(getUri, _options.MaxOcspResponseBytes, cancellationToken)
            : await _http.PostAsync(responder, request, RequestContentType, _options.MaxOcspResponseBytes, cancellationToken);

        var answer = OcspResponseValidator.Validate(response, subject, nonce, _timeProvider.GetUtcNow(), _options.ClockSkew);
        if (answer.NextUpdate is not null)
        {
            _cache[key] = answer;
        }

        return answer;
    }
}
