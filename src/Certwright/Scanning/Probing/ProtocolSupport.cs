namespace Certwright.Scanning.Probing;

/// <summary>What one protocol version's probes found.</summary>
public sealed record ProtocolSupport
{
    public required TlsVersion Version { get; init; }

    /// <summary>The server completed a ServerHello (or HelloRetryRequest) for this version.</summary>
    public required bool Accepted { get; init; }

    /// <summary>Why not accepted, in a few words (<c>alert protocol_version</c>, <c>connection closed</c>...); null when accepted.</summary>
    public string? Refusal { get; init; }

    /// <summary>
    /// The suites the server accepted, in the order it picked them from everything still offered (its preference
    /// order when it enforces one, else the order of the prober's list). Empty when not enumerated.
    /// </summary>
    public IReadOnlyList<CipherSuite> CipherSuites { get; init; } = [];

    /// <summary>
    /// True when the server picks by its own order (offered its first two picks reversed, it kept its first), false
    /// when it follows the client's order, null when not tested (fewer than two suites, or protocols only).
    /// </summary>
    public bool? ServerOrder { get; init; }

    /// <summary>Whether <see cref="CipherSuites"/> is the complete list (false with protocols-only probing, or when the enumeration broke off).</summary>
    public bool CipherSuitesEnumerated { get; init; }

    /// <summary>The groups accepted for this version, when tested (TLS 1.3 by HelloRetryRequest, TLS 1.2 by ECDHE ServerKeyExchange).</summary>
    public IReadOnlyList<NamedGroup> Groups { get; init; } = [];

    public bool GroupsTested { get; init; }

    /// <summary>Why the suite or group enumeration broke off (a timeout, a malformed reply), or null.</summary>
    public string? EnumerationError { get; init; }
}
