using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Certwright.Internal;

namespace Certwright.Revocation.Internal;

/// <summary>
/// Downloads CRLs and keeps each one, per URL, until its nextUpdate: in memory, and on disk when a cache
/// directory is set (written to a temp file and renamed, so a reader never sees half a CRL). Concurrent checks
/// of one URL share one download.
/// </summary>
internal sealed class CrlClient
{
    private readonly RevocationHttp _http;
    private readonly RevocationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, CachedCrl> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _downloads = new(StringComparer.Ordinal);

    public CrlClient(RevocationHttp http, RevocationOptions options, TimeProvider timeProvider)
    {
        _http = http;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <exception cref="RevocationFetchException">No current CRL signed by the issuer could be had from <paramref name="url"/>.</exception>
    public async Task<RevocationAnswer> CheckAsync(Uri url, CheckSubject subject, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(url, subject, cancellationToken);
        return snapshot.Lookup(subject.Serial);
    }

    private async Task<CrlSnapshot> GetAsync(Uri url, CheckSubject subject, CancellationToken cancellationToken)
    {
        var key = url.AbsoluteUri;
        if (TryCached(key, url, subject) is { } cached)
        {
            return cached;
        }

        var gate = _downloads.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if ((TryCached(key, url, subject) ?? await TryDiskAsync(key, url, subject, cancellationToken)) is { } stored)
            {
                return stored;
            }

            var encoded = await _http.GetAsync(url, _options.MaxCrlBytes, cancellationToken);
            var crl = CrlValidator.Parse(encoded, url);
            CrlValidator.Check(crl, subject, url, _timeProvider.GetUtcNow(), _options.ClockSkew);
            var snapshot = new CrlSnapshot(crl);
            if (crl.NextUpdate is not null)
            {
                // Without a nextUpdate there is no promise of how long it holds: use it once.
                _cache[key] = new CachedCrl(snapshot, subject.IssuerRecord.Sha256);
                await WriteDiskAsync(key, encoded, cancellationToken);
            }

            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    private CrlSnapshot? TryCached(string key, Uri url, CheckSubject subject)
    {
        if (!_cache.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (!IsCurrent(entry.Snapshot))
        {
            _cache.TryRemove(KeyValuePair.Create(key, entry));
            return null;
        }

        if (entry.IssuerSha256 != subject.IssuerRecord.Sha256)
        {
            // Cached for another issuer certificate (a re-keyed CA, same URL): it must verify for this one too.
            CrlValidator.Check(entry.Snapshot.Crl, subject, url, _timeProvider.GetUtcNow(), _options.ClockSkew);
        }

        return entry.Snapshot;
    }

    private async Task<CrlSnapshot?> TryDiskAsync(string key, Uri url, CheckSubject subject, CancellationToken cancellationToken)
    {
        if (DiskPath(key) is not { } path || !File.Exists(path))
        {
            return null;
        }

        byte[] encoded;
        try
        {
            encoded = await BoundedFile.ReadAllBytesAsync(path, _options.MaxCrlBytes, "CRL cache file", cancellationToken);
        }
        catch (CertwrightException)
        {
            // Vanished, unreadable or oversized: download instead (and replace it).
            return null;
        }

        try
        {
            var crl = CrlValidator.Parse(encoded, url);
            CrlValidator.Check(crl, subject, url, _timeProvider.GetUtcNow(), _options.ClockSkew);
            var snapshot = new CrlSnapshot(crl);
            if (!IsCurrent(snapshot))
            {
                return null;
            }

            _cache[key] = new CachedCrl(snapshot, subject.IssuerRecord.Sha256);
            return snapshot;
        }
        catch (RevocationFetchException)
        {
            // A stale, foreign or damaged cache file is never trusted; the download below replaces it.
            return null;
        }
    }

    private async Task WriteDiskAsync(string key, byte[] encoded, CancellationToken cancellationToken)
    {
        if (DiskPath(key) is not { } path)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await AtomicFile.WriteAsync(path, encoded, unixMode: null, overwrite: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot write the CRL cache file '{path}': {BoundedFile.Reason(e)}; check the cache directory's permissions", e);
        }
    }

    private string? DiskPath(string key) => _options.CacheDirectory is { } directory
        ? Path.Combine(directory, "crl", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".crl")
        : null;

    private bool IsCurrent(CrlSnapshot snapshot) => snapshot.NextUpdate is { } next && next > _timeProvider.GetUtcNow();

    private sealed record CachedCrl(CrlSnapshot Snapshot, string IssuerSha256);
}
