namespace Certwright.Authority;

/// <summary>One CRL entry: a revoked serial of a CA.</summary>
/// <param name="Serial">The serial number, big-endian magnitude (<see cref="SerialNumbers.Normalize"/>).</param>
/// <param name="RevokedAt">When it was revoked (the CRL's revocationDate).</param>
/// <param name="Reason">Why (CRL entry reasonCode).</param>
public sealed record RevokedCertificate(byte[] Serial, DateTimeOffset RevokedAt, RevocationReason Reason);
