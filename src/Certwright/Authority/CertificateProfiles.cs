using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>The built-in profiles: <c>server</c>, <c>client</c>, <c>server-client</c> and <c>short-lived</c>.</summary>
public static class CertificateProfiles
{
    /// <summary>90 days: the longest validity of the built-in server and client profiles.</summary>
    public static readonly TimeSpan NinetyDays = TimeSpan.FromDays(90);

    private static readonly HashSet<KeyType> AnyKeyType = [.. KeyTypes.All];

    /// <summary>TLS servers: serverAuth, DNS and IP SANs, at most 90 days.</summary>
    public static CertificateProfile Server { get; } = new(
        "server", [CertificateProfile.Oids.ServerAuth], AnyKeyType, NinetyDays, NinetyDays, ["dns:*", "ip:*"]);

    /// <summary>mTLS clients: clientAuth, URI (SPIFFE IDs), DNS and email SANs, at most 90 days.</summary>
    public static CertificateProfile Client { get; } = new(
        "client", [CertificateProfile.Oids.ClientAuth], AnyKeyType, NinetyDays, NinetyDays, ["uri:*", "dns:*", "email:*"]);

    /// <summary>Both ends of mTLS: serverAuth and clientAuth, any SAN type, at most 90 days.</summary>
    public static CertificateProfile ServerClient { get; } = new(
        "server-client", [CertificateProfile.Oids.ServerAuth, CertificateProfile.Oids.ClientAuth], AnyKeyType, NinetyDays, NinetyDays, ["dns:*", "ip:*", "uri:*", "email:*"]);

    /// <summary>Revocation by expiry: serverAuth and clientAuth, 24 hours by default and at most.</summary>
    public static CertificateProfile ShortLived { get; } = new(
        "short-lived", [CertificateProfile.Oids.ServerAuth, CertificateProfile.Oids.ClientAuth], AnyKeyType, TimeSpan.FromHours(24), TimeSpan.FromHours(24), ["dns:*", "ip:*", "uri:*", "email:*"]);

    public static IReadOnlyList<CertificateProfile> BuiltIn { get; } = [Server, Client, ServerClient, ShortLived];

    /// <exception cref="CertwrightException">Usage: no built-in profile has that name.</exception>
    public static CertificateProfile Get(string name) => Get(name, []);

    /// <summary>The profile named <paramref name="name"/>: a configured one (an override or a new profile) first, else the built-in.</summary>
    /// <param name="name">The <c>--profile</c> value (case-insensitive).</param>
    /// <param name="configured">Profiles from the configuration file's <c>profiles:</c> section.</param>
    /// <exception cref="CertwrightException">Usage: no profile has that name.</exception>
    public static CertificateProfile Get(string name, IReadOnlyList<CertificateProfile> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var wanted = name?.Trim();
        return configured.FirstOrDefault(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? BuiltIn.FirstOrDefault(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new CertwrightException(
                ErrorKind.Usage,
                $"unknown profile '{name}'; use one of {string.Join(", ", BuiltIn.Select(p => p.Name).Union(configured.Select(p => p.Name)))}");
    }
}
