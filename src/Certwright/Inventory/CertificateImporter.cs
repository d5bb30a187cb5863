using System.Diagnostics;
using System.Threading.Channels;
using Certwright.Discovery;
using Certwright.Policy;

namespace Certwright.Inventory;

/// <summary>
/// Imports certificates from files and directories into the inventory: discovery parses files in parallel
/// while a writer thread records them, in batches handed over through a short queue, in one recording session
/// (<see cref="IInventoryStore.BeginRecordingAsync"/>).
/// </summary>
/// <remarks>
/// Recording is as CPU-bound as parsing: on its own thread it overlaps with discovery instead of stopping it
/// batch by batch (discovery buffers only a few hundred files ahead).
/// </remarks>
public sealed class CertificateImporter
{
    /// <summary>
    /// Observations per hand-over to the writer. Small on purpose: the recording session, not the batch, sets the
    /// transaction size, and observations that wait in larger batches outlive the GC's youngest generation and
    /// get copied into older ones (with 4096, GC pauses took a sixth of an import).
    /// </summary>
    public const int DefaultBatchSize = 256;

    /// <summary>Full batches waiting for the writer: discovery runs ahead by this many, then waits.</summary>
    private const int QueuedBatches = 2;

    private readonly CertificateDiscovery _discovery;
    private readonly IInventoryStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly int _batchSize;

    public CertificateImporter(CertificateDiscovery discovery, IInventoryStore store, TimeProvider timeProvider, int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _discovery = discovery;
        _store = store;
        _timeProvider = timeProvider;
        _batchSize = batchSize;
    }

    /// <summary>
    /// Called with each certificate found and the file location it was found at, before it is recorded (from the
    /// discovery loop, one call at a time); null when nobody needs them. The monitor judges a watched directory's
    /// certificates through it without reading them back from the inventory.
    /// </summary>
    public Action<CertificateObservation>? Found { get; init; }

    /// <summary>Finds every certificate under <paramref name="paths"/> and records each where it was found.</summary>
    /// <param name="paths">Files and directories.</param>
    /// <param name="namespaceName">Namespace the file locations belong to.</param>
    /// <param name="cancellationToken">Stops the walk; what the recording session committed stays recorded.</param>
    public async Task<ImportSummary> ImportAsync(IEnumerable<string> paths, string namespaceName, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var seenAt = _timeProvider.GetUtcNow();
        var problems = new List<Finding>();
        long files = 0;
        long found = 0;

        await using var recorder = await _store.BeginRecordingAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<List<CertificateObservation>>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        var writing = Task.Factory.StartNew(() => Write(queue.Reader, recorder, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var batch = new List<CertificateObservation>(_batchSize);
            await foreach (var result in _discovery.DiscoverAsync(paths, cancellationToken: stop.Token))
            {
                files++;
                problems.AddRange(result.Problems);
                SightingLocation? location = null;
                foreach (var certificate in result.Certificates)
                {
                    found++;
                    // One location object per file (per keystore alias): the writer recognises repeats by it.
                    if (location is null || !string.Equals(location.Detail, certificate.Alias, StringComparison.Ordinal))
                    {
                        location = new SightingLocation(SightingKind.File, location?.Address ?? Path.GetFullPath(result.Source), ServerName: null, Detail: certificate.Alias)
                        {
                            Namespace = namespaceName,
                        };
                    }

                    var observation = new CertificateObservation(certificate.Certificate, location, certificate.Position, seenAt);
                    Found?.Invoke(observation);
                    batch.Add(observation);
                    if (batch.Count >= _batchSize)
                    {
                        await queue.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<CertificateObservation>(_batchSize);
                    }
                }
            }

            if (batch.Count > 0)
            {
                await queue.Writer.WriteAsync(batch, stop.Token);
            }

            queue.Writer.Complete();
        }
        catch (Exception e)
        {
            queue.Writer.TryComplete(e);
            await stop.CancelAsync();
            // A failed writer cancels discovery through `stop`: its error is the one to report.
            await writing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (writing.IsFaulted && e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await writing;
            }

            throw;
        }

        var recorded = await writing;
        recorded += await recorder.CommitAsync(cancellationToken);
        return new ImportSummary(files, found, recorded, problems, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The writer thread: records each batch as it comes; on failure stops discovery.</summary>
    private static RecordSummary Write(ChannelReader<List<CertificateObservation>> queue, IInventoryRecorder recorder, CancellationTokenSource stop)
    {
        try
        {
            var recorded = RecordSummary.Empty;
            // Blocking waits are right here: this is a dedicated thread, and the SQLite recorder completes synchronously.
            while (queue.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (queue.TryRead(out var batch))
                {
                    recorded += recorder.RecordAsync(batch, stop.Token).GetAwaiter().GetResult();
                }
            }

            return recorded;
        }
        catch
        {
            stop.Cancel();
            throw;
        }
    }
}
