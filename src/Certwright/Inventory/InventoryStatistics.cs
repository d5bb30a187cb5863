namespace Certwright.Inventory;

/// <summary>Counts of what the inventory holds.</summary>
/// <param name="Certificates">Distinct certificates.</param>
/// <param name="Expired">Certificates whose notAfter has passed.</param>
/// <param name="Locations">Files and endpoints where certificates were seen.</param>
/// <param name="Endpoints">The endpoints among the locations.</param>
/// <param name="Sightings">(location, certificate) pairs.</param>
/// <param name="EndpointEvents">Entries in the endpoint history.</param>
/// <param name="SchemaVersion">Version of the database schema.</param>
public sealed record InventoryStatistics(long Certificates, long Expired, long Locations, long Endpoints, long Sightings, long EndpointEvents, int SchemaVersion);
