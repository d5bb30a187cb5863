namespace Certwright.Inventory;

/// <summary>Filters for <see cref="IInventoryStore.ListAsync"/>; results are ordered by expiry, soonest first.</summary>
public sealed record InventoryQuery
{
    /// <summary>Every certificate, soonest expiry first.</summary>
    public static InventoryQuery All { get; } = new();

    /// <summary>Only certificates whose notAfter is before this instant, already expired ones included. Default: no bound.</summary>
    public DateTimeOffset? ExpiringBefore { get; init; }

    /// <summary>Only certificates seen at least once at a location in this namespace. Default: all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>At most this many entries (must be positive). Default: no limit.</summary>
    public int? Limit { get; init; }
}
