using Certwright.Certificates;

namespace Certwright.Inventory;

/// <summary>A certificate seen at a location at a time: the unit the inventory records.</summary>
/// <param name="Certificate">The parsed certificate.</param>
/// <param name="Location">Where it was seen.</param>
/// <param name="Position">Position in the file or the presented chain; 0 is the first (the leaf, for endpoints).</param>
/// <param name="SeenAt">When it was seen (from the injected TimeProvider).</param>
public sealed record CertificateObservation(CertificateRecord Certificate, SightingLocation Location, int Position, DateTimeOffset SeenAt);
