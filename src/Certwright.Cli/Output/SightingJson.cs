using System.Text.Json;
using Certwright.Inventory;

namespace Certwright.Cli.Output;

internal static class SightingJson
{
    public static void Write(Utf8JsonWriter writer, Sighting sighting)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", KindName(sighting.Location.Kind));
        writer.WriteString("address", sighting.Location.Address);
        JsonOutput.WriteOptional(writer, "serverName", sighting.Location.ServerName);
        JsonOutput.WriteOptional(writer, "detail", sighting.Location.Detail);
        writer.WriteString("namespace", sighting.Location.Namespace);
        writer.WriteNumber("position", sighting.Position);
        JsonOutput.WriteTime(writer, "firstSeen", sighting.FirstSeen);
        JsonOutput.WriteTime(writer, "lastSeen", sighting.LastSeen);
        writer.WriteBoolean("currentEndpointLeaf", sighting.IsCurrentEndpointLeaf);
        writer.WriteEndObject();
    }

    public static string KindName(SightingKind kind) => kind switch
    {
        SightingKind.File => "file",
        SightingKind.Endpoint => "endpoint",
        _ => "authority",
    };
}
