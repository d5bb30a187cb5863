namespace Certwright.Policy;

/// <summary>
/// The stable finding codes. Scripts and alert rules match on these strings: never rename one; add new ones.
/// </summary>
public static class FindingCodes
{
    // Validity window
    public const string Expired = "expired";
    public const string ExpiresSoon = "expires-soon";
    public const string NotYetValid = "not-yet-valid";

    // Chain and trust
    public const string UntrustedRoot = "untrusted-root";
    public const string IncompleteChain = "incomplete-chain";
    public const string WrongChainOrder = "wrong-chain-order";
    public const string SelfSigned = "self-signed";
    public const string BadSignature = "bad-signature";
    public const string ChainExpired = "chain-expired";
    public const string InvalidBasicConstraints = "invalid-basic-constraints";
    public const string PathLengthExceeded = "path-length-exceeded";
    public const string NameConstraintViolation = "name-constraint-violation";
    public const string InvalidKeyUsage = "invalid-key-usage";
    public const string WrongPurpose = "wrong-purpose";
    public const string UnknownCriticalExtension = "unknown-critical-extension";
    public const string Revoked = "revoked";
    public const string NonconformingCertificate = "nonconforming-certificate";
    public const string InvalidValidity = "invalid-validity";
    public const string WeakSignatureAlgorithm = "weak-signature-algorithm";
    public const string WeakKey = "weak-key";
    public const string PolicyViolation = "policy-violation";

    // Certificate profile (Policy.CertificatePolicy)
    public const string Sha1Signature = "sha1-signature";
    public const string LongValidity = "long-validity";
    public const string QuantumVulnerable = "quantum-vulnerable";

    // Revocation (Revocation/)
    public const string OcspUnreachable = "ocsp-unreachable";
    public const string CrlUnreachable = "crl-unreachable";
    public const string RevocationUnknown = "revocation-unknown";
    public const string NoOcspStapling = "no-ocsp-stapling";

    // TLS configuration (protocol and cipher suite probing)
    public const string WeakProtocol = "weak-protocol";
    public const string WeakCipher = "weak-cipher";
    public const string ClientCertificateRequested = "client-certificate-requested";

    // Names
    public const string HostnameMismatch = "hostname-mismatch";
    public const string MissingSan = "missing-san";

    // Endpoints
    public const string EndpointUnreachable = "endpoint-unreachable";
    public const string HandshakeFailed = "handshake-failed";
    public const string StartTlsFailed = "starttls-failed";
    public const string CertificateChanged = "certificate-changed";
    public const string CheckFailed = "check-failed";

    // Renewal (Renewal/)
    public const string RenewalFailed = "renewal-failed";
    public const string DeployFailed = "deploy-failed";
    public const string RenewalNotServed = "renewal-not-served";

    // Files
    public const string UnreadableFile = "unreadable-file";
    public const string UnsupportedFormat = "unsupported-format";
    public const string CorruptCertificate = "corrupt-certificate";
    public const string WrongPassword = "wrong-password";
    public const string FileTooLarge = "file-too-large";
}
