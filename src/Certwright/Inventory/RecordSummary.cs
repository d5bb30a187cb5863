namespace Certwright.Inventory;

/// <summary>What one <see cref="IInventoryStore.RecordAsync"/> batch changed.</summary>
/// <param name="NewCertificates">Certificates the inventory did not have before.</param>
/// <param name="KnownCertificates">Observations of certificates it already had (or that appeared earlier in the batch).</param>
/// <param name="NewSightings">(location, certificate) pairs seen for the first time.</param>
/// <param name="UpdatedSightings">Pairs seen again: their last-seen time was moved on.</param>
public sealed record RecordSummary(int NewCertificates, int KnownCertificates, int NewSightings, int UpdatedSightings)
{
    public static RecordSummary Empty { get; } = new(0, 0, 0, 0);
}
