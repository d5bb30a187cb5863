using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>How a <see cref="SightingLocation"/> is stored: kind as text, '' for a missing SNI or detail (keys: <see cref="SqliteLocationKey"/>).</summary>
internal static class SqliteLocations
{
    /// <summary>Reads a location from five columns starting at <paramref name="first"/>: kind, address, server_name, detail, namespace.</summary>
    public static SightingLocation Read(SqliteRawStatement row, int first)
    {
        var kind = row.Text(first) switch
        {
            "file" => SightingKind.File,
            "endpoint" => SightingKind.Endpoint,
            "authority" => SightingKind.Authority,
            var other => throw new InvalidDataException($"unknown location kind '{other}' in the inventory"),
        };
        var serverName = row.Text(first + 2);
        var detail = row.Text(first + 3);
        return new SightingLocation(kind, row.Text(first + 1), serverName.Length == 0 ? null : serverName, detail.Length == 0 ? null : detail)
        {
            Namespace = row.Text(first + 4),
        };
    }
}
