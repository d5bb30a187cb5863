namespace Certwright.Authority;

/// <summary>One CRL entry: a revoked serial of a CA.</summary>
/// <param name="Serial">The serial number, big-endian magnitude (<see cref="SerialNumbers.Normalize"/>).</param>
/// <param name="RevokedAt">When it was revoked (the CRL's revocationDate).</param>
/// <param name="Reason">Why (CRL entry reasonCode).</param>
/// <param name="NotAfter">The revoked certificate's end of validity, when the store knows it; the CRL builder drops entries
/// whose certificate expired long enough ago (<see cref="Crl.CrlOptions.ExpiredEntryRetention"/>). Null: always listed.</param>
public sealed record RevokedCertificate(byte[] Serial, DateTimeOffset RevokedAt, RevocationReason Reason, DateTimeOffset? NotAfter = null);
