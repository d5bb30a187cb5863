namespace Certwright.Inventory;

/// <summary>An endpoint started serving another leaf certificate.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="ChangedAt">When the new leaf was first seen there.</param>
/// <param name="Previous">The leaf it served before.</param>
/// <param name="CurrentSha256">SHA-256 of the leaf it serves now.</param>
public sealed record EndpointChange(SightingLocation Endpoint, DateTimeOffset ChangedAt, InventoryEntry Previous, string CurrentSha256);
