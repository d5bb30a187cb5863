using System.Diagnostics;
using Certwright.Certificates;
using Certwright.Discovery;
using Certwright.Policy;

namespace Certwright.Inventory;

/// <summary>
/// Imports certificates from files and directories into the inventory: discovery parses files in
/// parallel while this records them in batches, one transaction per batch.
/// </summary>
public sealed class CertificateImporter
{
    /// <summary>Observations per transaction: large enough to amortise the commit, small enough to keep the write lock short.</summary>
    public const int DefaultBatchSize = 4096;

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

    /// <summary>Finds every certificate under <paramref name="paths"/> and records each where it was found.</summary>
    /// <param name="paths">Files and directories.</param>
    /// <param name="namespaceName">Namespace the file locations belong to.</param>
    /// <param name="cancellationToken">Stops the walk; batches already committed stay recorded.</param>
    public async Task<ImportSummary> ImportAsync(IEnumerable<string> paths, string namespaceName, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var seenAt = _timeProvider.GetUtcNow();
        var batch = new List<CertificateObservation>(_batchSize);
        var problems = new List<Finding>();
        var recorded = RecordSummary.Empty;
        long files = 0;
        long found = 0;

        await foreach (var result in _discovery.DiscoverAsync(paths, cancellationToken: cancellationToken))
        {
            files++;
            problems.AddRange(result.Problems);
            foreach (var certificate in result.Certificates)
            {
                found++;
                batch.Add(new CertificateObservation(certificate.Certificate, LocationOf(result, certificate, namespaceName), certificate.Position, seenAt));
                if (batch.Count >= _batchSize)
                {
                    recorded += await _store.RecordAsync(batch, cancellationToken);
                    batch = new List<CertificateObservation>(_batchSize);
                }
            }
        }

        if (batch.Count > 0)
        {
            recorded += await _store.RecordAsync(batch, cancellationToken);
        }

        return new ImportSummary(files, found, recorded, problems, Stopwatch.GetElapsedTime(started));
    }

    private static SightingLocation LocationOf(ContainerReadResult result, FoundCertificate certificate, string namespaceName) =>
        new(SightingKind.File, Path.GetFullPath(result.Source), ServerName: null, Detail: certificate.Alias)
        {
            Namespace = namespaceName,
        };
}
