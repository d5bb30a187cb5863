namespace Certwright.Acme.Server;

/// <summary>
/// Where the ACME server keeps accounts and orders so they survive a restart of <c>certwright serve</c>. Implementations
/// are thread-safe; a write is durable when its call returns.
/// </summary>
public interface IAcmeStore : IAsyncDisposable
{
    Task<AcmeAccount?> FindAccountAsync(string authority, string id, CancellationToken cancellationToken);

    Task<AcmeAccount?> FindAccountByKeyAsync(string authority, string keyThumbprint, CancellationToken cancellationToken);

    /// <summary>Adds an account; false when an account with the same key exists for that CA (a concurrent newAccount won).</summary>
    Task<bool> AddAccountAsync(AcmeAccount account, CancellationToken cancellationToken);

    /// <summary>Replaces contact, status, key and thumbprint; false when the new key belongs to another account of that CA.</summary>
    Task<bool> UpdateAccountAsync(AcmeAccount account, CancellationToken cancellationToken);

    Task<AcmeOrder?> FindOrderAsync(string authority, string id, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces an order.</summary>
    Task SaveOrderAsync(AcmeOrder order, CancellationToken cancellationToken);

    /// <summary>The order that produced the certificate with that SHA-256 (hex), if any.</summary>
    Task<AcmeOrder?> FindOrderByCertificateAsync(string authority, string certificateSha256, CancellationToken cancellationToken);

    /// <summary>An account's order ids, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> ListOrderIdsAsync(string authority, string accountId, int limit, CancellationToken cancellationToken);

    /// <summary>How many of an account's orders are unfinished (pending, ready, processing) and not expired at <paramref name="now"/>.</summary>
    Task<int> CountOpenOrdersAsync(string authority, string accountId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes orders that never issued and expired before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteExpiredOrdersAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
