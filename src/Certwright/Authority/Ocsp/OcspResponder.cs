using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Certwright.Authority.Ocsp.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Certwright.Authority.Ocsp;

/// <summary>
/// An RFC 6960 OCSP responder for the CAs of a store. At start it signs one answer (SHA-1 CertID, no nonce) per issued
/// certificate; <see cref="TryGetCached"/> then finds a request's answer by its bytes without signing or allocating. It
/// follows the store (issuances, revocations) every <see cref="OcspResponderOptions.PollInterval"/> and re-signs answers
/// before their nextUpdate. Other requests (nonce, several CertIDs, SHA-256, unknown serials) are signed on demand by
/// <see cref="RespondAsync"/>, a bounded number at a time.
/// </summary>
public sealed partial class OcspResponder : IAsyncDisposable
{
    private readonly IAuthorityStore _store;
    private readonly ServedAuthority[] _authorities;
    private readonly OcspResponderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<byte[], OcspCacheEntry> _cache = new(CertIdKey.Comparer);
    private readonly ConcurrentDictionary<byte[], OcspCacheEntry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly SemaphoreSlim _signing;
    private readonly CancellationTokenSource _stopping = new();
    private Task _refreshLoop = Task.CompletedTask;
    private int _waitingToSign;
    private int _onDemandEntries;

    private OcspResponder(IAuthorityStore store, IReadOnlyList<SigningAuthority> authorities, OcspResponderOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _authorities = [.. authorities.Select(a => new ServedAuthority(a))];
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        _signing = new SemaphoreSlim(options.MaxConcurrentSigning, options.MaxConcurrentSigning);
    }

    /// <summary>Largest request the responder reads (<see cref="OcspResponderOptions.MaxRequestSize"/>).</summary>
    public int MaxRequestSize => _options.MaxRequestSize;

    /// <summary>Answers held signed in memory.</summary>
    public int CachedAnswers => _cache.Count;

    /// <summary>
    /// Prepares the signers (issuing delegated certificates when <see cref="OcspResponderOptions.DelegateSigning"/>), pre-signs
    /// an answer for every issued certificate of <paramref name="authorities"/>, and starts following the store.
    /// </summary>
    /// <param name="store">The ledger.</param>
    /// <param name="authorities">The CAs to answer for, keys open; the caller keeps ownership.</param>
    /// <param name="options">Validity, delegation and limits.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Start, renewal and failure messages (nothing per request).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="CertwrightException">Usage: bad options.</exception>
    public static async Task<OcspResponder> StartAsync(
        IAuthorityStore store,
        IReadOnlyList<SigningAuthority> authorities,
        OcspResponderOptions options,
        TimeProvider timeProvider,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var responder = new OcspResponder(store, authorities, options, timeProvider, logger ?? NullLogger.Instance);
        try
        {
            await responder.LoadAsync(cancellationToken);
        }
        catch
        {
            await responder.DisposeAsync();
            throw;
        }

        responder._refreshLoop = responder.RefreshLoopAsync(responder._stopping.Token);
        return responder;
    }

    /// <summary>
    /// The pre-signed answer for <paramref name="request"/> when it is a plain single-CertID request (no nonce) whose
    /// answer is cached. Allocation-free; false means: call <see cref="RespondAsync"/>.
    /// </summary>
    public bool TryGetCached(ReadOnlySpan<byte> request, [NotNullWhen(true)] out OcspAnswer? answer)
    {
        if (OcspRequestParser.TryFindSingleCertIdKey(request, out var certIdOffset, out var certIdLength, out var keyOffset, out var keyLength)
            && _lookup.TryGetValue(request.Slice(keyOffset, keyLength), out var entry)
            && request.Slice(certIdOffset, certIdLength).SequenceEqual(entry.CertIdDer))
        {
            answer = entry.Answer;
            return true;
        }

        answer = null;
        return false;
    }

    /// <summary>
    /// Answers any request: from the cache when possible, else signed now. Never throws for bad input or a failing store: the
    /// answer then carries malformedRequest, unauthorized, tryLater or internalError.
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async ValueTask<OcspAnswer> RespondAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        if (request.Length == 0 || request.Length > _options.MaxRequestSize)
        {
            return OcspAnswer.MalformedRequest;
        }

        if (TryGetCached(request.Span, out var cached))
        {
            return cached;
        }

        try
        {
            return await SignOnDemandAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A responder must answer: a failing store or key becomes internalError, logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            OcspLog.RequestFailed(_logger, e);
            return OcspAnswer.InternalError;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _refreshLoop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        foreach (var authority in _authorities)
        {
            authority.Signer?.Dispose();
        }

        _signing.Dispose();
        _refreshGate.Dispose();
        _stopping.Dispose();
    }
}
