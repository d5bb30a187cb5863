namespace Certwright.Scanning.Internal;

/// <summary>What a completed handshake revealed, copied out of OpenSSL into managed memory.</summary>
internal sealed record TlsSessionDetails(
    IReadOnlyList<byte[]> PresentedChain,
    string? Protocol,
    string? CipherSuite,
    string? OpenSslCipherName,
    string? Group,
    byte[]? StapledOcspResponse,
    bool ClientCertificateRequested,
    IReadOnlyList<byte[]> ClientCertificateAuthorities);
