namespace Certwright.Inventory;

/// <summary>
/// A bulk recording session (<see cref="IInventoryStore.BeginRecordingAsync"/>): many batches written in few
/// transactions. Each commit writes every page the batches touched, and certificates, fingerprints and
/// locations land all over their tables, so committing a hundred thousand observations at once costs far less
/// per observation than committing each batch.
/// </summary>
/// <remarks>
/// While the session is open it holds the store (other calls on the same store instance wait for it) and, while
/// it has uncommitted batches, the database's write lock (other processes' writes wait, up to their busy
/// timeout; readers are not held up). It commits by itself every hundred thousand or so observations; what
/// <see cref="CommitAsync"/> has not committed is rolled back on dispose. One caller at a time.
/// </remarks>
public interface IInventoryRecorder : IAsyncDisposable
{
    /// <summary>
    /// Records a batch as <see cref="IInventoryStore.RecordAsync"/> does; it is durable once committed. A batch
    /// that fails (or is cancelled) rolls back everything recorded since the last commit.
    /// </summary>
    Task<RecordSummary> RecordAsync(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken);

    /// <summary>Commits every batch recorded so far.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
