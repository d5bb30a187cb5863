namespace Certwright.Inventory;

/// <summary>
/// The central inventory: each certificate once per SHA-256 fingerprint, every place it was seen, and the
/// history of what each TLS endpoint served. Implementations: SQLite (embedded, default) and, later, PostgreSQL.
/// </summary>
/// <remarks>
/// One instance may be shared by several threads (calls are serialised on its connection); several processes
/// may write the same database at once. Failures users can act on (unreadable file, newer schema, ambiguous
/// fingerprint) are <see cref="CertwrightException"/>s.
/// </remarks>
public interface IInventoryStore : IAsyncDisposable
{
    /// <summary>
    /// Records a batch of observations in one transaction: a certificate is inserted when its fingerprint is new,
    /// a sighting is inserted when the (location, certificate) pair is new, else its last-seen time is moved on.
    /// </summary>
    /// <remarks>
    /// Batches of a few thousand observations give the best throughput; one batch holds the write lock while it
    /// runs. Bulk imports of many batches: <see cref="BeginRecordingAsync"/>.
    /// </remarks>
    Task<RecordSummary> RecordAsync(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a bulk recording session: batches recorded through it share transactions, committed every hundred
    /// thousand or so observations and by <see cref="IInventoryRecorder.CommitAsync"/>. Other calls on this store
    /// wait until the session is disposed.
    /// </summary>
    Task<IInventoryRecorder> BeginRecordingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records the chain an endpoint presented (leaf first) and tracks the endpoint's current leaf. Returns the
    /// change, with the previous leaf, when the endpoint now serves another leaf than last time; null when it is
    /// the same leaf or the endpoint is new. Both a first sighting and a change are written to the event history.
    /// </summary>
    Task<EndpointChange?> RecordEndpointChainAsync(SightingLocation endpoint, IReadOnlyList<CertificateObservation> chain, CancellationToken cancellationToken);

    /// <summary>Streams the certificates matching <paramref name="query"/>, soonest expiry first.</summary>
    IAsyncEnumerable<InventoryEntry> ListAsync(InventoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The same list as <see cref="ListAsync"/>, read row by row as bytes (see <see cref="IInventoryEntryReader"/>):
    /// for output of very many rows. The reader holds a connection of its own until disposed.
    /// </summary>
    /// <param name="query">Which certificates.</param>
    /// <param name="cancellationToken">Checked on opening and every few hundred rows of <see cref="IInventoryEntryReader.Read"/>.</param>
    Task<IInventoryEntryReader> OpenListAsync(InventoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Finds a certificate by SHA-256 or SHA-1 fingerprint (full, or a prefix of at least
    /// <see cref="InventoryEntry.MinimumFingerprintPrefix"/> hex digits; colons and case ignored) or by serial number.
    /// A full fingerprint wins over anything else the digits match. Returns null when nothing matches; throws
    /// <see cref="CertwrightException"/> (<see cref="ErrorKind.Usage"/>) when the input matches several certificates,
    /// is not hexadecimal, or is shorter than a prefix may be and no serial number.
    /// </summary>
    Task<InventoryEntry?> FindAsync(string fingerprintOrSerial, CancellationToken cancellationToken);

    /// <summary>Every place the certificate with this SHA-256 fingerprint was seen, most recently seen first.</summary>
    Task<IReadOnlyList<Sighting>> GetSightingsAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The DER encoding of the certificate with this SHA-256 fingerprint, or null when it is not in the inventory.</summary>
    Task<byte[]?> GetDerAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The certificate history of endpoints, newest first; all endpoints when <paramref name="endpoint"/> is null.</summary>
    Task<IReadOnlyList<EndpointEvent>> GetEndpointEventsAsync(SightingLocation? endpoint, int limit, CancellationToken cancellationToken);

    /// <summary>Counts of what the inventory holds; <see cref="InventoryStatistics.Expired"/> is relative to the store's clock.</summary>
    Task<InventoryStatistics> GetStatisticsAsync(CancellationToken cancellationToken);
}
