using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>How a <see cref="SightingLocation"/> is keyed and stored: kind as text, '' for a missing SNI or detail.</summary>
internal static class SqliteLocations
{
    public static string KindText(SightingKind kind) => kind switch
    {
        SightingKind.File => "file",
        SightingKind.Endpoint => "endpoint",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown sighting kind"),
    };

    public static LocationKey Key(SightingLocation location) =>
        new(KindText(location.Kind), location.Address, location.ServerName ?? "", location.Detail ?? "");

    /// <summary>Reads a location from five columns starting at <paramref name="first"/>: kind, address, server_name, detail, namespace.</summary>
    public static SightingLocation Read(SqliteRawStatement row, int first)
    {
        var kind = row.Text(first) switch
        {
            "file" => SightingKind.File,
            "endpoint" => SightingKind.Endpoint,
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

/// <summary>The unique key of a location row.</summary>
internal readonly record struct LocationKey(string Kind, string Address, string ServerName, string Detail);
