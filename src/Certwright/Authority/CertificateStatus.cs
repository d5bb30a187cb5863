namespace Certwright.Authority;

public enum CertificateStatusKind
{
    /// <summary>Issued by this CA and not revoked (RFC 6960 "good").</summary>
    Good,

    /// <summary>Issued by this CA and revoked.</summary>
    Revoked,

    /// <summary>This CA never issued a certificate with that serial.</summary>
    Unknown,
}

/// <summary>What a CA knows about one serial number: the answer OCSP gives and the CRL lists.</summary>
public sealed record CertificateStatus(CertificateStatusKind Kind, DateTimeOffset? RevokedAt = null, RevocationReason? Reason = null)
{
    public static CertificateStatus Good { get; } = new(CertificateStatusKind.Good);

    public static CertificateStatus Unknown { get; } = new(CertificateStatusKind.Unknown);
}
