namespace Certwright.Scanning.Probing.Internal;

internal enum HelloReplyKind
{
    /// <summary>A ServerHello: the server accepted the offer.</summary>
    ServerHello,

    /// <summary>A TLS 1.3 HelloRetryRequest: accepted, but it wants a key share for <see cref="HelloReply.Group"/>.</summary>
    HelloRetryRequest,

    /// <summary>A TLS alert: refused.</summary>
    Alert,

    /// <summary>The server closed or reset the connection without a reply: refused (what many servers do).</summary>
    Closed,
}

/// <summary>The server's answer to one ClientHello.</summary>
internal sealed record HelloReply
{
    public required HelloReplyKind Kind { get; init; }

    /// <summary>The negotiated version (supported_versions when present, else the ServerHello's version).</summary>
    public TlsVersion Version { get; init; }

    public int CipherSuite { get; init; }

    /// <summary>The key_share group of a TLS 1.3 ServerHello or HelloRetryRequest, or the named curve of a TLS 1.2 ECDHE ServerKeyExchange.</summary>
    public int? Group { get; init; }

    /// <summary>Alert name or how the connection ended, for <see cref="ProtocolSupport.Refusal"/>.</summary>
    public string? Detail { get; init; }

    public bool CertificateRequested { get; init; }

    public IReadOnlyList<byte[]> CertificateAuthorities { get; init; } = [];

    public bool IsAccepted => Kind is HelloReplyKind.ServerHello or HelloReplyKind.HelloRetryRequest;

    public static HelloReply Closed(string detail) => new() { Kind = HelloReplyKind.Closed, Detail = detail };
}
