using Certwright.Policy;

namespace Certwright.Inventory;

/// <summary>What one import run found and recorded.</summary>
/// <param name="Files">Files that held certificates or problems.</param>
/// <param name="CertificatesFound">Certificates read, counting every file they were found in.</param>
/// <param name="Recorded">What the inventory did with them (new certificates, new sightings...).</param>
/// <param name="Problems">Unreadable, corrupt or unsupported input, one finding per problem.</param>
/// <param name="Duration">Wall time of the run.</param>
public sealed record ImportSummary(
    long Files,
    long CertificatesFound,
    RecordSummary Recorded,
    IReadOnlyList<Finding> Problems,
    TimeSpan Duration);
