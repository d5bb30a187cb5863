using Certwright.Discovery;
using Certwright.Inventory;

namespace Certwright.Bench.Store;

/// <summary>Real certificates from a directory, parsed up front so that a run times the store alone.</summary>
internal static class FileObservations
{
    public static async Task<List<CertificateObservation>> LoadAsync(string directory, DateTimeOffset seenAt)
    {
        var observations = new List<CertificateObservation>();
        var discovery = new CertificateDiscovery(new DiscoveryOptions());
        await foreach (var result in discovery.DiscoverAsync([directory]))
        {
            foreach (var found in result.Certificates)
            {
                var location = new SightingLocation(SightingKind.File, Path.GetFullPath(result.Source), null, found.Alias);
                observations.Add(new CertificateObservation(found.Certificate, location, found.Position, seenAt));
            }
        }

        return observations;
    }
}
