namespace Certwright.Authority.Ocsp.Internal;

/// <summary>One CertID of a request.</summary>
/// <param name="Hash">Its hash algorithm, or null when it is one the responder does not match.</param>
/// <param name="Der">The CertID as the request encoded it; the SingleResponse echoes it.</param>
/// <param name="Key">The cache key: the DER issuerNameHash, issuerKeyHash and serialNumber (see <see cref="CertIdKey"/>).</param>
/// <param name="IssuerNameHash">issuerNameHash.</param>
/// <param name="IssuerKeyHash">issuerKeyHash.</param>
/// <param name="Serial">The serialNumber INTEGER's content bytes.</param>
internal sealed record RequestedCertId(CertIdHash? Hash, byte[] Der, byte[] Key, byte[] IssuerNameHash, byte[] IssuerKeyHash, byte[] Serial);

/// <summary>A parsed OCSPRequest: its CertIDs and the DER nonce (an OCTET STRING) to echo, if any.</summary>
internal sealed record ParsedOcspRequest(IReadOnlyList<RequestedCertId> CertIds, byte[]? Nonce);
