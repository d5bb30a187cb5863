namespace Certwright.Authority;

/// <summary>A certificate a Certwright CA issued, as its ledger keeps it.</summary>
/// <param name="Authority">The CA's name (as in <c>ca init NAME</c>).</param>
/// <param name="Profile">The profile it was issued under (server, client, server-client, short-lived, or a CA role).</param>
/// <param name="Serial">Serial number, big-endian (positive; the store keys it by <see cref="SerialNumbers.Normalize"/>).</param>
/// <param name="Sha256">SHA-256 of the DER certificate, lowercase hex (the inventory's fingerprint).</param>
/// <param name="Subject">The subject DN as text (RFC 4514).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="IssuedAt">When the CA signed it.</param>
/// <param name="Der">The DER certificate.</param>
public sealed record IssuedCertificate(
    string Authority,
    string Profile,
    byte[] Serial,
    string Sha256,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    DateTimeOffset IssuedAt,
    byte[] Der);
