using System.Net;

namespace Certwright.Scanning;

/// <summary>
/// What one endpoint presented, or how far the scan got. On <see cref="ScanStatus.Success"/> the chain and
/// session fields are set; otherwise <see cref="Error"/> says why in one line and they are empty or null.
/// </summary>
public sealed record EndpointScanResult
{
    public required ScanTarget Target { get; init; }

    public required ScanStatus Status { get; init; }

    /// <summary>The address and port the TCP connection was made to, or null when none was made.</summary>
    public IPEndPoint? ConnectedEndPoint { get; init; }

    /// <summary>One line: why the scan did not succeed. Null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The certificates in the order the server sent them (leaf first, if the server is correct), as DER.</summary>
    public IReadOnlyList<byte[]> PresentedChain { get; init; } = [];

    /// <summary>The negotiated protocol as OpenSSL names it: <c>TLSv1.3</c>, <c>TLSv1.2</c>...</summary>
    public string? Protocol { get; init; }

    /// <summary>The cipher suite's IANA name, e.g. <c>TLS_AES_256_GCM_SHA384</c>.</summary>
    public string? CipherSuite { get; init; }

    /// <summary>The cipher suite's OpenSSL name, e.g. <c>ECDHE-RSA-AES128-GCM-SHA256</c>.</summary>
    public string? OpenSslCipherName { get; init; }

    /// <summary>The key-exchange group (<c>x25519</c>, <c>secp256r1</c>...), or null when the key exchange used none.</summary>
    public string? Group { get; init; }

    /// <summary>The DER OCSP response the server stapled, or null when it stapled none.</summary>
    public byte[]? StapledOcspResponse { get; init; }

    /// <summary>Whether the server sent a CertificateRequest (asked for a client certificate).</summary>
    public bool ClientCertificateRequested { get; init; }

    /// <summary>The DER-encoded distinguished names of the CAs the server said it accepts for client certificates.</summary>
    public IReadOnlyList<byte[]> ClientCertificateAuthorities { get; init; } = [];

    /// <summary>Time from the first connect attempt to the end of the TLS handshake (or to the failure).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Time spent in the STARTTLS exchange and the TLS handshake alone.</summary>
    public TimeSpan HandshakeDuration { get; init; }
}
