namespace Certwright.Authority.Ocsp.Internal;

/// <summary>A cached signed answer for one CertID (no nonce), and what is needed to re-sign it.</summary>
/// <param name="Authority">The CA it answers for.</param>
/// <param name="Hash">The CertID hash algorithm.</param>
/// <param name="Serial">The serial's big-endian bytes.</param>
/// <param name="CertIdDer">The CertID the answer echoes; a request must carry these exact bytes to be served it.</param>
/// <param name="Status">The status it states.</param>
/// <param name="Answer">The encoded response.</param>
/// <param name="RefreshAt">When it is re-signed (pre-signed) or dropped (on demand).</param>
/// <param name="OnDemand">Signed for a request (unknown serial, SHA-256 CertID) rather than from the ledger.</param>
internal sealed record OcspCacheEntry(
    ServedAuthority Authority,
    CertIdHash Hash,
    byte[] Serial,
    byte[] CertIdDer,
    CertificateStatus Status,
    OcspAnswer Answer,
    DateTimeOffset RefreshAt,
    bool OnDemand);
