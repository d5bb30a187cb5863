using Certwright.Authority;

namespace Certwright.Tests.Authority.TestSupport;

/// <summary>A ledger that answers the first RecordIssuedAsync as a serial collision (State), then records for real.</summary>
internal sealed class DuplicateOnceStore(IAuthorityStore inner) : IAuthorityStore
{
    public List<string> Attempts { get; } = [];

    public async Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        Attempts.Add(Convert.ToHexString(certificate.Serial));
        if (Attempts.Count == 1)
        {
            throw new CertwrightException(ErrorKind.State, "serial exists");
        }

        await inner.RecordIssuedAsync(certificate, cancellationToken);
    }

    public Task AddAuthorityAsync(AuthorityRecord authority, CancellationToken cancellationToken) => inner.AddAuthorityAsync(authority, cancellationToken);

    public Task<AuthorityRecord?> FindAuthorityAsync(string name, CancellationToken cancellationToken) => inner.FindAuthorityAsync(name, cancellationToken);

    public Task<IReadOnlyList<AuthorityRecord>> ListAuthoritiesAsync(CancellationToken cancellationToken) => inner.ListAuthoritiesAsync(cancellationToken);

    public Task<IReadOnlyList<IssuedCertificate>> FindIssuedAsync(string serialOrFingerprint, CancellationToken cancellationToken) => inner.FindIssuedAsync(serialOrFingerprint, cancellationToken);

    public Task<bool> RevokeAsync(string authority, byte[] serial, DateTimeOffset revokedAt, RevocationReason reason, CancellationToken cancellationToken) =>
        inner.RevokeAsync(authority, serial, revokedAt, reason, cancellationToken);

    public Task<CertificateStatus> GetStatusAsync(string authority, ReadOnlyMemory<byte> serial, CancellationToken cancellationToken) => inner.GetStatusAsync(authority, serial, cancellationToken);

    public Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(string authority, CancellationToken cancellationToken) => inner.ListRevokedAsync(authority, cancellationToken);

    public IAsyncEnumerable<LedgerEntry> ReadLedgerAsync(string authority, long afterSequence, CancellationToken cancellationToken) => inner.ReadLedgerAsync(authority, afterSequence, cancellationToken);

    public Task<long> GetChangeCounterAsync(CancellationToken cancellationToken) => inner.GetChangeCounterAsync(cancellationToken);

    public Task<long> NextCrlNumberAsync(string authority, CancellationToken cancellationToken) => inner.NextCrlNumberAsync(authority, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
