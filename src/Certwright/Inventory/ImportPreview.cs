using System.Diagnostics;
using Certwright.Discovery;
using Certwright.Policy;

namespace Certwright.Inventory;

/// <summary>
/// <c>import --dry-run</c>: finds and parses everything an import would, records nothing. Shows what a directory
/// holds (and what cannot be read) before it enters the inventory; needs no data directory.
/// </summary>
public static class ImportPreview
{
    public static async Task<ImportSummary> RunAsync(CertificateDiscovery discovery, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        var started = Stopwatch.GetTimestamp();
        var problems = new List<Finding>();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        long files = 0;
        long found = 0;
        await foreach (var result in discovery.DiscoverAsync(paths, cancellationToken: cancellationToken))
        {
            files++;
            problems.AddRange(result.Problems);
            foreach (var certificate in result.Certificates)
            {
                found++;
                distinct.Add(certificate.Certificate.Sha256);
            }
        }

        // Nothing is compared with the inventory: every distinct certificate counts as new, none as known.
        var recorded = RecordSummary.Empty with { NewCertificates = distinct.Count };
        return new ImportSummary(files, found, recorded, problems, Stopwatch.GetElapsedTime(started));
    }
}
