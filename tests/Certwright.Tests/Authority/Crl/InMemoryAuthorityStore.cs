using System.Runtime.CompilerServices;
using Certwright.Authority;

namespace Certwright.Tests.Authority.Crl;

/// <summary>
/// An <see cref="IAuthorityStore"/> in memory, for the CRL tests until the SQLite store is on main. CRL numbers live in
/// <see cref="CrlNumbers"/>, which a second instance can share to stand for a re-opened store.
/// </summary>
internal sealed class InMemoryAuthorityStore(Dictionary<string, long>? crlNumbers = null) : IAuthorityStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorityRecord> _authorities = [];
    private readonly List<IssuedCertificate> _issued = [];
    private readonly Dictionary<string, RevokedCertificate> _revoked = [];
    private long _changes;

    public Dictionary<string, long> CrlNumbers { get; } = crlNumbers ?? [];

    public int ListRevokedCalls { get; private set; }

    public Task AddAuthorityAsync(AuthorityRecord authority, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _authorities.Add(authority.Name, authority);
        }

        return Task.CompletedTask;
    }

    public Task<AuthorityRecord?> FindAuthorityAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_authorities.GetValueOrDefault(name));
        }
    }

    public Task<IReadOnlyList<AuthorityRecord>> ListAuthoritiesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuthorityRecord>>([.. _authorities.Values]);
        }
    }

    public Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _issued.Add(certificate);
            _changes++;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IssuedCertificate>> FindIssuedAsync(string serialOrFingerprint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = serialOrFingerprint.Replace(":", "", StringComparison.Ordinal);
            return Task.FromResult<IReadOnlyList<IssuedCertificate>>(
                [.. _issued.Where(c => Convert.ToHexString(c.Serial).Equals(key, StringComparison.OrdinalIgnoreCase) || c.Sha256.Equals(key, StringComparison.OrdinalIgnoreCase))]);
        }
    }

    public Task<bool> RevokeAsync(string authority, byte[] serial, DateTimeOffset revokedAt, RevocationReason reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = Key(authority, serial);
            if (_revoked.ContainsKey(key))
            {
                return Task.FromResult(false);
            }

            var notAfter = _issued.FirstOrDefault(c => c.Authority == authority && c.Serial.AsSpan().SequenceEqual(serial))?.NotAfter;
            _revoked.Add(key, new RevokedCertificate(serial, revokedAt, reason, notAfter));
            _changes++;
            return Task.FromResult(true);
        }
    }

    public Task<CertificateStatus> GetStatusAsync(string authority, ReadOnlyMemory<byte> serial, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_revoked.TryGetValue(Key(authority, serial.ToArray()), out var revoked))
            {
                return Task.FromResult(new CertificateStatus(CertificateStatusKind.Revoked, revoked.RevokedAt, revoked.Reason));
            }

            var issued = _issued.Any(c => c.Authority == authority && c.Serial.AsSpan().SequenceEqual(serial.Span));
            return Task.FromResult(issued ? CertificateStatus.Good : CertificateStatus.Unknown);
        }
    }

    public Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(string authority, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ListRevokedCalls++;
            var prefix = authority + "/";
            return Task.FromResult<IReadOnlyList<RevokedCertificate>>([.. _revoked.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Value)]);
        }
    }

    public async IAsyncEnumerable<LedgerEntry> ReadLedgerAsync(string authority, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<long> GetChangeCounterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_changes);
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

    private static string Key(string authority, byte[] serial) => authority + "/" + Convert.ToHexString(serial);
}
