using Certwright.Authority.Ocsp.Internal;

namespace Certwright.Authority.Ocsp;

public sealed partial class OcspResponder
{
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private long _changeCounter = -1;
    private DateTimeOffset _nextDue = DateTimeOffset.MaxValue;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = OcspResponseEncoder.Truncate(_time.GetUtcNow());
        _changeCounter = await _store.GetChangeCounterAsync(cancellationToken);
        foreach (var authority in _authorities)
        {
            authority.Signer = await CreateSignerAsync(authority, now, cancellationToken);
            var count = await ReadLedgerAsync(authority, now, cancellationToken);
            OcspLog.AuthorityReady(_logger, authority.Name, count, authority.Signer.CertificateDer is null ? "the CA key" : "a delegated certificate");
        }

        _nextDue = now + (_options.Validity / 2);
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken);
            try
            {
                await RefreshAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A store hiccup must not stop the responder: the cached answers stay valid until their nextUpdate.
            catch (Exception e)
#pragma warning restore CA1031
            {
                OcspLog.RefreshFailed(_logger, e);
            }
        }
    }

    /// <summary>
    /// One poll: renews delegated certificates that have a third of their life left (re-signing that CA's answers),
    /// picks up new issuances and revocations when the store's change counter moved, and re-signs answers whose
    /// refresh time has come (half their validity).
    /// </summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            await RefreshLockedAsync(cancellationToken);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var now = OcspResponseEncoder.Truncate(_time.GetUtcNow());
        var renewed = new HashSet<ServedAuthority>();
        foreach (var authority in _authorities)
        {
            var signer = authority.Signer;
            if (signer.CertificateDer is not null && now >= signer.NotAfter - (_options.SignerLifetime / 3))
            {
                authority.Signer = await CreateSignerAsync(authority, now, cancellationToken);
                OcspLog.SignerRenewed(_logger, authority.Name, authority.Signer.NotAfter);
                renewed.Add(authority);
                // In-flight on-demand signatures may still hold the old key; it is garbage-collected, not disposed.
            }
        }

        var counter = await _store.GetChangeCounterAsync(cancellationToken);
        if (counter != _changeCounter)
        {
            foreach (var authority in _authorities)
            {
                await ReadLedgerAsync(authority, now, cancellationToken);
                await ApplyRevocationsAsync(authority, now, cancellationToken);
            }

            _changeCounter = counter;
        }

        if (renewed.Count > 0 || now >= _nextDue)
        {
            ResignDue(renewed, now);
        }
    }

    private void ResignDue(HashSet<ServedAuthority> renewed, DateTimeOffset now)
    {
        var nextDue = DateTimeOffset.MaxValue;
        foreach (var (key, entry) in _cache)
        {
            if (now < entry.RefreshAt && !renewed.Contains(entry.Authority))
            {
                nextDue = entry.RefreshAt < nextDue ? entry.RefreshAt : nextDue;
                continue;
            }

            if (entry.OnDemand)
            {
                if (_cache.TryRemove(new KeyValuePair<byte[], OcspCacheEntry>(key, entry)))
                {
                    Interlocked.Decrement(ref _onDemandEntries);
                }

                continue;
            }

            PreSign(entry.Authority, entry.Serial, entry.Status, now);
        }

        var fresh = now + (_options.Validity / 2);
        _nextDue = fresh < nextDue ? fresh : nextDue;
    }

    /// <summary>Pre-signs every ledger entry after the last one read; returns how many.</summary>
    private async Task<int> ReadLedgerAsync(ServedAuthority authority, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var entry in _store.ReadLedgerAsync(authority.Name, authority.LedgerSequence, cancellationToken))
        {
            PreSign(authority, entry.Serial, entry.Status, now);
            authority.LedgerSequence = Math.Max(authority.LedgerSequence, entry.Sequence);
            count++;
        }

        return count;
    }

    /// <summary>Re-signs cached answers (either hash) of serials revoked since they were signed; drops on-demand ones.</summary>
    private async Task ApplyRevocationsAsync(ServedAuthority authority, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var revoked in await _store.ListRevokedAsync(authority.Name, cancellationToken))
        {
            var status = new CertificateStatus(CertificateStatusKind.Revoked, revoked.RevokedAt, revoked.Reason);
            if (_cache.TryGetValue(authority.Key(CertIdHash.Sha1, revoked.Serial), out var sha1) && sha1.Status.Kind != CertificateStatusKind.Revoked)
            {
                PreSign(authority, revoked.Serial, status, now);
            }

            var sha256Key = authority.Key(CertIdHash.Sha256, revoked.Serial);
            if (_cache.TryGetValue(sha256Key, out var sha256) && sha256.Status.Kind != CertificateStatusKind.Revoked
                && _cache.TryRemove(new KeyValuePair<byte[], OcspCacheEntry>(sha256Key, sha256)))
            {
                Interlocked.Decrement(ref _onDemandEntries);
            }
        }
    }

    private async Task<ResponderSigner> CreateSignerAsync(ServedAuthority authority, DateTimeOffset now, CancellationToken cancellationToken) =>
        _options.DelegateSigning
            ? await DelegatedSignerFactory.IssueAsync(authority.Authority, _store, _options.SignerLifetime, now, cancellationToken)
            : new ResponderSigner(authority.Authority.Key, certificateDer: null, DateTimeOffset.MaxValue, ownsKey: false);
}
