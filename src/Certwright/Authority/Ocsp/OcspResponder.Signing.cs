using Certwright.Authority.Ocsp.Internal;

namespace Certwright.Authority.Ocsp;

public sealed partial class OcspResponder
{
    private async Task<OcspAnswer> SignOnDemandAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        if (OcspRequestParser.Parse(request, _options.MaxCertIdsPerRequest) is not { } parsed)
        {
            return OcspAnswer.MalformedRequest;
        }

        // One signer per response: every CertID must belong to one served CA (RFC 6960 §2.7: else unauthorized).
        ServedAuthority? authority = null;
        foreach (var id in parsed.CertIds)
        {
            var match = Array.Find(_authorities, a => a.Matches(id));
            if (match is null || (authority is not null && match != authority))
            {
                return OcspAnswer.Unauthorized;
            }

            authority = match;
        }

        var single = parsed.Nonce is null && parsed.CertIds.Count == 1 ? parsed.CertIds[0] : null;
        if (single is not null && _cache.TryGetValue(single.Key, out var hit) && hit.CertIdDer.AsSpan().SequenceEqual(single.Der))
        {
            return hit.Answer;
        }

        var answers = new SingleAnswer[parsed.CertIds.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            var id = parsed.CertIds[i];
            answers[i] = new SingleAnswer(id.Der, await StatusAsync(authority!, id.Serial, cancellationToken));
        }

        if (Interlocked.Increment(ref _waitingToSign) > _options.MaxConcurrentSigning + _options.MaxQueuedSigning)
        {
            Interlocked.Decrement(ref _waitingToSign);
            return OcspAnswer.TryLater;
        }

        OcspAnswer answer;
        DateTimeOffset now;
        try
        {
            await _signing.WaitAsync(cancellationToken);
            try
            {
                now = OcspResponseEncoder.Truncate(_time.GetUtcNow());
                var signer = authority!.Signer;
                var body = OcspResponseEncoder.Encode(signer, answers, now, now + _options.Validity, parsed.Nonce);
                answer = OcspAnswer.Signed(body, now, now + _options.Validity);
            }
            finally
            {
                _signing.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waitingToSign);
        }

        if (single is not null && Interlocked.Increment(ref _onDemandEntries) <= _options.MaxOnDemandCacheEntries)
        {
            var entry = new OcspCacheEntry(authority!, single.Hash!.Value, single.Serial, single.Der, answers[0].Status, answer, now + (_options.Validity / 2), OnDemand: true);
            if (!_cache.TryAdd(single.Key, entry))
            {
                Interlocked.Decrement(ref _onDemandEntries);
            }
        }
        else if (single is not null)
        {
            Interlocked.Decrement(ref _onDemandEntries);
        }

        return answer;
    }

    /// <summary>The status from the pre-signed SHA-1 entry (every ledger certificate has one), else from the store (issued since the last poll, or unknown).</summary>
    private async ValueTask<CertificateStatus> StatusAsync(ServedAuthority authority, byte[] serial, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(authority.Key(CertIdHash.Sha1, serial), out var entry) && !entry.OnDemand)
        {
            return entry.Status;
        }

        return await _store.GetStatusAsync(authority.Name, serial, cancellationToken);
    }

    /// <summary>Signs (or re-signs) the pre-signed SHA-1 answer of one ledger certificate and stores it in the cache.</summary>
    private void PreSign(ServedAuthority authority, byte[] serial, CertificateStatus status, DateTimeOffset now)
    {
        var key = authority.Key(CertIdHash.Sha1, serial);
        var certId = authority.CertIdDer(CertIdHash.Sha1, serial);
        var body = OcspResponseEncoder.Encode(authority.Signer, [new SingleAnswer(certId, status)], now, now + _options.Validity, nonce: null);
        var entry = new OcspCacheEntry(authority, CertIdHash.Sha1, serial, certId, status, OcspAnswer.Signed(body, now, now + _options.Validity), now + (_options.Validity / 2), OnDemand: false);
        _cache.AddOrUpdate(key, entry, (_, previous) =>
        {
            if (previous.OnDemand)
            {
                Interlocked.Decrement(ref _onDemandEntries);
            }

            return entry;
        });
    }
}
