namespace Certwright.Inventory;

/// <summary>What one <see cref="IInventoryStore.RecordAsync"/> batch changed.</summary>
/// <param name="NewCertificates">Certificates the inventory did not have before.</param>
/// <param name="KnownCertificates">Observations of certificates it already had (or that appeared earlier in the batch).</param>
/// <param name="NewSightings">(location, certificate) pairs seen for the first time.</param>
/// <param name="UpdatedSightings">Pairs seen again: their last-seen time was moved on.</param>
public sealed record RecordSummary(int NewCertificates, int KnownCertificates, int NewSightings, int UpdatedSightings)
{
    public static RecordSummary Empty { get; } = new(0, 0, 0, 0);

    /// <summary>The totals of two batches.</summary>
    public static RecordSummary operator +(RecordSummary left, RecordSummary right) => Add(left, right);

    /// <summary>The totals of two batches (named alternative to <c>+</c>).</summary>
    public static RecordSummary Add(RecordSummary left, RecordSummary right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(
            left.NewCertificates + right.NewCertificates,
            left.KnownCertificates + right.KnownCertificates,
            left.NewSightings + right.NewSightings,
            left.UpdatedSightings + right.UpdatedSightings);
    }
}
