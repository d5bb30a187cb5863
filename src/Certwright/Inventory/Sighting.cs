namespace Certwright.Inventory;

/// <summary>One place a certificate was seen.</summary>
/// <param name="Location">The file or endpoint.</param>
/// <param name="Position">Position in the file or presented chain; 0 is the first (the leaf, for endpoints).</param>
/// <param name="FirstSeen">First time it was seen there.</param>
/// <param name="LastSeen">Latest time it was seen there.</param>
/// <param name="IsCurrentEndpointLeaf">True when the location is an endpoint that serves this certificate as its leaf today.</param>
public sealed record Sighting(SightingLocation Location, int Position, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, bool IsCurrentEndpointLeaf);
