using System.Runtime.CompilerServices;
using Certwright.Authority;

namespace Certwright.Tests.Authority.TestSupport;

/// <summary>
/// A CA ledger in memory with the semantics the CRL publisher and the OCSP responder rely on: a change counter that
/// moves on every issuance and revocation, issuances in ledger order, the first revocation stands, serials keyed as
/// <see cref="SerialNumbers"/> normalises them. CRL numbers live in <see cref="CrlNumbers"/>, which a second instance can
/// share to stand for a re-opened store.
/// </summary>
internal sealed class InMemoryAuthorityStore(Dictionary<string, long>? crlNumbers = null) : IAuthorityStore
{
    private readonly Lock _gate = new();
    private readonly List<AuthorityRecord> _authorities = [];
    private readonly List<(long Sequence, IssuedCertificate Certificate)> _issued = [];
    private readonly Dictionary<(string Authority, string Serial), RevokedCertificate> _revoked = [];
    private long _counter;
    private int _statusQueries;

    public Dictionary<string, long> CrlNumbers { get; } = crlNumbers ?? [];

    /// <summary>How often <see cref="GetStatusAsync"/> was asked (the responder must not ask for cached answers).</summary>
    public int StatusQueries => Volatile.Read(ref _statusQueries);

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

    public Task<IReadOnlyList<IssuedCertificate>> FindIssuedAsync(string serialOrFingerprint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = serialOrFingerprint.Replace(":", "", StringComparison.Ordinal);
            return Task.FromResult<IReadOnlyList<IssuedCertificate>>(
                [.. _issued.Select(i => i.Certificate).Where(c => SerialNumbers.ToHex(c.Serial).Equals(key, StringComparison.OrdinalIgnoreCase) || c.Sha256.Equals(key, StringComparison.OrdinalIgnoreCase))]);
        }
    }

    public Task<bool> RevokeAsync(string authority, byte[] serial, DateTimeOffset revokedAt, RevocationReason reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (authority, SerialNumbers.ToHex(serial));
            if (_revoked.ContainsKey(key))
            {
                return Task.FromResult(false);
            }

            var notAfter = Find(authority, serial)?.NotAfter;
            _revoked.Add(key, new RevokedCertificate(serial, revokedAt, reason, notAfter));
            _counter++;
            return Task.FromResult(true);
        }
    }

    public Task<CertificateStatus> GetStatusAsync(string authority, ReadOnlyMemory<byte> serial, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _statusQueries);
        lock (_gate)
        {
            return Task.FromResult(Status(authority, serial.Span));
        }
    }

    public Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(string authority, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RevokedCertificate>>([.. _revoked.Where(r => r.Key.Authority == authority).Select(r => r.Value)]);
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

    public Task<long> NextCrlNumberAsync(string authority, CancellationToken cancellationToken)
    {
        lock (CrlNumbers)
        {
            var next = CrlNumbers.GetValueOrDefault(authority) + 1;
            CrlNumbers[authority] = next;
            return Task.FromResult(next);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IssuedCertificate? Find(string authority, ReadOnlySpan<byte> serial)
    {
        var key = SerialNumbers.ToHex(serial);
        foreach (var (_, certificate) in _issued)
        {
            if (certificate.Authority == authority && SerialNumbers.ToHex(certificate.Serial) == key)
            {
                return certificate;
            }
        }

        return null;
    }

    private CertificateStatus Status(string authority, ReadOnlySpan<byte> serial) =>
        _revoked.TryGetValue((authority, SerialNumbers.ToHex(serial)), out var revoked)
            ? new CertificateStatus(CertificateStatusKind.Revoked, revoked.RevokedAt, revoked.Reason)
            : Find(authority, serial) is null ? CertificateStatus.Unknown : CertificateStatus.Good;
}
