using Certwright.Authority.Crl.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Certwright.Authority.Crl;

/// <summary>
/// Keeps every served CA's CRL current while <c>certwright serve</c> runs: it publishes when none exists, when the
/// current one reaches its refresh time (<see cref="CrlSchedule.RefreshAt"/>), and soon after a revocation (in this
/// process or another: it polls the ledger's change counter, one row read).
/// </summary>
public sealed class CrlRefresher
{
    /// <summary>How often the ledger is polled for revocations; a revocation reaches the CRL within about this long.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    private readonly CrlPublisher _publisher;
    private readonly IAuthorityStore _store;
    private readonly IReadOnlyList<SigningAuthority> _authorities;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DateTimeOffset> _refreshAt = new(StringComparer.Ordinal);
    private long _counter = -1;

    public CrlRefresher(CrlPublisher publisher, IAuthorityStore store, IReadOnlyList<SigningAuthority> authorities, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _publisher = publisher;
        _store = store;
        _authorities = authorities;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Runs <see cref="RefreshAsync"/> every <paramref name="pollInterval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RefreshAsync(cancellationToken);
            try
            {
                await Task.Delay(pollInterval, _time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One pass: publishes each CA's CRL that is missing, due, or older than a revocation. Failures are logged, not thrown.</summary>
    /// <returns>How many CRLs were published.</returns>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var counter = await _store.GetChangeCounterAsync(cancellationToken);
        var ledgerChanged = counter != _counter;
        _counter = counter;
        var published = 0;
        foreach (var authority in _authorities)
        {
            if (!ledgerChanged && _refreshAt.TryGetValue(authority.Name, out var at) && _time.GetUtcNow() < at)
            {
                continue;
            }

            try
            {
                var current = await _publisher.FreshCurrentAsync(authority.Name, _store, cancellationToken);
                if (current is null)
                {
                    current = await _publisher.PublishAsync(authority, _store, cancellationToken);
                    CrlLog.Published(_logger, authority.Name, current.Number, current.EntryCount, current.NextUpdate);
                    published++;
                }

                _refreshAt[authority.Name] = CrlSchedule.For(current, _publisher.Options).RefreshAt;
            }
            catch (CertwrightException e)
            {
                // The old CRL stays valid until its nextUpdate; forget the ledger position so the next poll retries.
                CrlLog.PublishFailed(_logger, authority.Name, e);
                _counter = -1;
            }
        }

        return published;
    }
}
