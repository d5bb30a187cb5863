using System.Runtime.CompilerServices;
using Certwright.Authority;

namespace Certwright.Tests.Authority.Ocsp;

/// <summary>A ledger in memory with the semantics the responder relies on (change counter, ledger order, first revocation stands).</summary>
internal sealed class InMemoryAuthorityStore : IAuthorityStore
{
    private readonly object _gate = new();
    private readonly List<AuthorityRecord> _authorities = [];
    private readonly List<(long Sequence, IssuedCertificate Certificate)> _issued = [];
    private readonly Dictionary<(string, string), RevokedCertificate> _revoked = [];
    private long _counter;

    public int StatusQueries;

    public List<IssuedCertificate> Issued
    {
        get
        {
            lock (_gate)
            {
                return [.. _issued.Select(i => i.Certificate)];
            }
        }
    }

    public Task AddAuthorityAsync(AuthorityRecord authority, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _authorities.Add(authority);
            _counter++;
        }

        return Task.CompletedTask;
    }

    public Task<AuthorityRecord?> FindAuthorityAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_authorities.Find(a => a.Name == name));
        }
    }

    public Task<IReadOnlyList<AuthorityRecord>> ListAuthoritiesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuthorityRecord>>([.. _authorities]);
        }
    }

    public Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _issued.Add((_issued.Count + 1, certificate));
            _counter++;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IssuedCertificate>> FindIssuedAsync(string serialOrFingerprint, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> RevokeAsync(string authority, byte[] serial, DateTimeOffset revokedAt, RevocationReason reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var added = _revoked.TryAdd((authority, Convert.ToHexString(serial)), new RevokedCertificate(serial, revokedAt, reason));
            _counter++;
            return Task.FromResult(added);
        }
    }

    public Task<CertificateStatus> GetStatusAsync(string authority, ReadOnlyMemory<byte> serial, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref StatusQueries);
        lock (_gate)
        {
            return Task.FromResult(Status(authority, serial.ToArray()));
        }
    }

    public Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(string authority, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RevokedCertificate>>([.. _revoked.Where(r => r.Key.Item1 == authority).Select(r => r.Value)]);
        }
    }

    public async IAsyncEnumerable<LedgerEntry> ReadLedgerAsync(string authority, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<LedgerEntry> entries;
        lock (_gate)
        {
            entries = [.. _issued.Where(i => i.Sequence > afterSequence && i.Certificate.Authority == authority)
                .Select(i => new LedgerEntry(i.Sequence, i.Certificate.Serial, i.Certificate.NotAfter, Status(authority, i.Certificate.Serial)))];
        }

        foreach (var entry in entries)
        {
            await Task.Yield();
            yield return entry;
        }
    }

    public Task<long> GetChangeCounterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_counter);
        }
    }

    public Task<long> NextCrlNumberAsync(string authority, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private CertificateStatus Status(string authority, byte[] serial)
    {
        if (_revoked.TryGetValue((authority, Convert.ToHexString(serial)), out var revoked))
        {
            return new CertificateStatus(CertificateStatusKind.Revoked, revoked.RevokedAt, revoked.Reason);
        }

        return _issued.Exists(i => i.Certificate.Authority == authority && i.Certificate.Serial.AsSpan().SequenceEqual(serial))
            ? CertificateStatus.Good
            : CertificateStatus.Unknown;
    }
}
