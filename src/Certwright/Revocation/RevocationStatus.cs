namespace Certwright.Revocation;

/// <summary>What a revocation check concluded about one certificate.</summary>
public enum RevocationStatus
{
    /// <summary>A valid, fresh OCSP response or CRL from the issuer says the certificate is not revoked.</summary>
    Good,

    /// <summary>A valid, fresh OCSP response or CRL says the certificate is revoked.</summary>
    Revoked,

    /// <summary>A valid OCSP response says the responder does not know the certificate.</summary>
    Unknown,

    /// <summary>No source gave a valid answer (unreachable, invalid, stale) or the certificate names none: never read as good.</summary>
    Unavailable,
}
