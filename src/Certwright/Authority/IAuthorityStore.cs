namespace Certwright.Authority;

/// <summary>
/// The CA ledger: the CAs, every certificate they issued, revocations and CRL numbers. In the same database as
/// the inventory. Writes that acknowledge something to a user (an issuance, a revocation) are durable
/// (fsync'd) when the call returns.
/// </summary>
public interface IAuthorityStore : IAsyncDisposable
{
    /// <summary>Adds a CA. </summary>
    /// <exception cref="CertwrightException">Usage: a CA with that name exists.</exception>
    Task AddAuthorityAsync(AuthorityRecord authority, CancellationToken cancellationToken);

    Task<AuthorityRecord?> FindAuthorityAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuthorityRecord>> ListAuthoritiesAsync(CancellationToken cancellationToken);

    /// <summary>Records an issued certificate durably. Many concurrent callers share one commit (group commit).</summary>
    /// <exception cref="CertwrightException">State: the serial already exists for that CA (the caller draws a new one).</exception>
    Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken);

    /// <summary>Finds issued certificates by serial (hex, any case, optional colons) or SHA-256 fingerprint (hex).</summary>
    Task<IReadOnlyList<IssuedCertificate>> FindIssuedAsync(string serialOrFingerprint, CancellationToken cancellationToken);

    /// <summary>Revokes durably. Returns false when it was already revoked (the first revocation stands).</summary>
    Task<bool> RevokeAsync(string authority, byte[] serial, DateTimeOffset revokedAt, RevocationReason reason, CancellationToken cancellationToken);

    /// <summary>The status of <paramref name="serial"/> under <paramref name="authority"/>.</summary>
    Task<CertificateStatus> GetStatusAsync(string authority, ReadOnlyMemory<byte> serial, CancellationToken cancellationToken);

    /// <summary>All revoked serials of a CA (for the CRL), expired ones included (the CRL builder decides).</summary>
    Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(string authority, CancellationToken cancellationToken);

    /// <summary>
    /// Issued certificates of a CA in ledger order after <paramref name="afterSequence"/> (0: from the start), with their
    /// status; lets a responder in another process pre-sign for every issued certificate and follow new ones.
    /// </summary>
    IAsyncEnumerable<LedgerEntry> ReadLedgerAsync(string authority, long afterSequence, CancellationToken cancellationToken);

    /// <summary>
    /// A number that grows with every issuance or revocation in the store; a responder polls it (cheaply) to know
    /// when to re-read.
    /// </summary>
    Task<long> GetChangeCounterAsync(CancellationToken cancellationToken);

    /// <summary>Allocates the next CRL number of a CA durably (1, 2, 3...; RFC 5280 §5.2.3: monotonically increasing).</summary>
    Task<long> NextCrlNumberAsync(string authority, CancellationToken cancellationToken);
}

/// <summary>One issued certificate with its current status and its position in the ledger.</summary>
public sealed record LedgerEntry(long Sequence, byte[] Serial, DateTimeOffset NotAfter, CertificateStatus Status);
