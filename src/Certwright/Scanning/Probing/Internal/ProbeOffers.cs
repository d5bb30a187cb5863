namespace Certwright.Scanning.Probing.Internal;

/// <summary>What each version's probes offer.</summary>
internal static class ProbeOffers
{
    private static readonly int[] Tls13Suites = Ordered(s => s.IsTls13);
    private static readonly int[] Tls12Suites = Ordered(s => !s.IsTls13);
    private static readonly int[] LegacySuites = Ordered(s => s.MinimumVersion < TlsVersion.Tls12);

    /// <summary>Every TLS 1.3 group, x25519 first (the key share goes with it).</summary>
    public static readonly int[] Tls13Groups = [.. NamedGroups.All.Where(g => g.Tls13).Select(g => g.Code)];

    /// <summary>
    /// Elliptic curves only for TLS 1.2 and older: listing FFDHE groups would, under RFC 7919, forbid a server
    /// whose DH parameters are not one of them to choose DHE at all.
    /// </summary>
    public static readonly int[] EllipticGroups = [.. NamedGroups.All.Where(g => g.Code < 0x0100).Select(g => g.Code)];

    public static IReadOnlyList<int> Suites(TlsVersion version) => version switch
    {
        TlsVersion.Tls13 => Tls13Suites,
        TlsVersion.Tls12 => Tls12Suites,
        _ => LegacySuites,
    };

    public static IReadOnlyList<int> Groups(TlsVersion version) => version == TlsVersion.Tls13 ? Tls13Groups : EllipticGroups;

    /// <summary>The groups tested one at a time for a version.</summary>
    public static IReadOnlyList<NamedGroup> TestedGroups(TlsVersion version) => version == TlsVersion.Tls13
        ? [.. NamedGroups.All.Where(g => g.Tls13)]
        : [.. NamedGroups.All.Where(g => g.Code < 0x0100)];

    /// <summary>
    /// Strongest first, as a browser orders its list: a server that follows the client's order then picks its best
    /// suite first, so "preferred" means something either way. Forward secrecy, then AEAD, then key size; broken
    /// suites (NULL, anonymous, EXPORT, RC4, DES) last.
    /// </summary>
    private static int[] Ordered(Func<CipherSuite, bool> include) =>
    [
        .. CipherSuites.All.Where(include)
            .OrderBy(s => s.IsNullEncryption || s.IsAnonymous || s.IsExport || s.IsRc4 || s.IsSingleDes)
            .ThenByDescending(s => s.ForwardSecrecy)
            .ThenByDescending(s => s.IsAead)
            .ThenByDescending(s => s.Bits)
            .ThenBy(s => s.Code)
            .Select(s => s.Code),
    ];

    /// <summary>ECDHE suites for testing TLS 1.2 curves through the ServerKeyExchange.</summary>
    public static IReadOnlyList<int> EcdheSuites(TlsVersion version) =>
        [.. Suites(version).Where(c => CipherSuites.Get(c).IanaName.Contains("_ECDHE_", StringComparison.Ordinal))];
}
