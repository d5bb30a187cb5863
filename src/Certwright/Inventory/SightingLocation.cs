namespace Certwright.Inventory;

public enum SightingKind
{
    /// <summary>Found in a file (PEM, DER, PKCS#7, PKCS#12, JKS).</summary>
    File,

    /// <summary>Presented by a TLS endpoint.</summary>
    Endpoint,

    /// <summary>Issued by a Certwright CA: <see cref="SightingLocation.Address"/> is the CA's name, <see cref="SightingLocation.Detail"/> the profile.</summary>
    Authority,
}

/// <summary>
/// A place a certificate lives. For files, <see cref="Address"/> is the absolute path (keystore entries
/// add the alias in <see cref="Detail"/>); for endpoints it is <c>host:port</c> and <see cref="ServerName"/>
/// the SNI sent. Two sightings at the same location are the same place seen again.
/// </summary>
public sealed record SightingLocation(SightingKind Kind, string Address, string? ServerName = null, string? Detail = null)
{
    public const string DefaultNamespace = "default";

    /// <summary>Namespace the location belongs to (team, environment); used by <c>list --namespace</c>.</summary>
    public string Namespace { get; init; } = DefaultNamespace;

    public override string ToString() => Kind switch
    {
        // The SNI is worth showing only when it differs from the host connected to.
        SightingKind.Endpoint when ServerName is not null && !NamesHost(Address, ServerName) => $"{Address} (SNI {ServerName})",
        SightingKind.Authority => Detail is null ? $"issued by CA {Address}" : $"issued by CA {Address} ({Detail})",
        _ when Detail is not null => $"{Address} [{Detail}]",
        _ => Address,
    };

    private static bool NamesHost(string address, string serverName) =>
        address.Length > serverName.Length
        && address[serverName.Length] == ':'
        && address.StartsWith(serverName, StringComparison.OrdinalIgnoreCase);
}
