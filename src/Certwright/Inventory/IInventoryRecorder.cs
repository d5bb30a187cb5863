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
    /// Hands a batch over to be recorded as <see cref="IInventoryStore.RecordAsync"/> records it; it is durable once
    /// committed. The session may write a batch later, together with others (in the order of the keys the rows go
    /// under), so the summary returned counts what this call wrote, of this batch or earlier ones; the summaries of
    /// every call and of <see cref="CommitAsync"/> add up to what the session recorded. A call that fails (or is
    /// cancelled) rolls back everything handed over since the last commit.
    /// </summary>
    Task<RecordSummary> RecordAsync(IReadOnlyList<CertificateObservation> batch, CancellationToken cancellationToken);

    /// <summary>Writes what is still waiting and commits every batch handed over so far; returns what it wrote.</summary>
    Task<RecordSummary> CommitAsync(CancellationToken cancellationToken);
}
