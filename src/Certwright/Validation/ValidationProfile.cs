namespace Certwright.Validation;

/// <summary>Which rule book the validator applies on top of RFC 5280 path validation.</summary>
public enum ValidationProfile
{
    /// <summary>
    /// RFC 5280 and the CA/Browser Forum Baseline Requirements, as browsers enforce them: SHA-1 and DSA
    /// signatures, RSA keys under 2048 bits and curves other than P-256/384/521 are rejected; a server
    /// certificate needs a subjectAltName; serial numbers must be positive and at most 20 octets.
    /// </summary>
    WebPki,

    /// <summary>
    /// RFC 5280 path validation only (private PKIs, NIST PKITS): the Web PKI extras above become warnings.
    /// </summary>
    Rfc5280,
}
