using System.Net;

namespace Certwright.Scanning.Probing;

/// <summary>
/// What raw ClientHello probes found out about one endpoint: the protocol versions it accepts and, per version,
/// the cipher suites and key-exchange groups. On a status other than <see cref="ScanStatus.Success"/>,
/// <see cref="Error"/> says why in one line.
/// </summary>
public sealed record TlsProbeResult
{
    public required ScanTarget Target { get; init; }

    /// <summary>Success when at least one version was accepted.</summary>
    public required ScanStatus Status { get; init; }

    public string? Error { get; init; }

    public IPEndPoint? ConnectedEndPoint { get; init; }

    /// <summary>Every version tested, oldest first.</summary>
    public IReadOnlyList<ProtocolSupport> Protocols { get; init; } = [];

    /// <summary>A TLS 1.2-or-older handshake carried a CertificateRequest (the server asks for a client certificate).</summary>
    public bool ClientCertificateRequested { get; init; }

    /// <summary>The DER distinguished names of the CAs the CertificateRequest lists (may be empty: any CA).</summary>
    public IReadOnlyList<byte[]> ClientCertificateAuthorities { get; init; } = [];

    /// <summary>TCP connections made.</summary>
    public int Connections { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>The accepted versions, oldest first.</summary>
    public IEnumerable<TlsVersion> AcceptedVersions => Protocols.Where(p => p.Accepted).Select(p => p.Version);
}
