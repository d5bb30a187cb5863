namespace Certwright.Certificates;

/// <summary>
/// Dotted OIDs that code compares against (extensions, key purposes, policies, algorithms). Their names
/// are in <see cref="OidTable"/>, the one table both the inventory and the path validator read.
/// </summary>
internal static class Oids
{
    // Name attributes
    public const string CommonName = "2.5.4.3";
    public const string EmailAddress = "1.2.840.113549.1.9.1";

    // Extensions
    public const string SubjectDirectoryAttributes = "2.5.29.9";
    public const string SubjectKeyIdentifier = "2.5.29.14";
    public const string KeyUsage = "2.5.29.15";
    public const string SubjectAltName = "2.5.29.17";
    public const string IssuerAltName = "2.5.29.18";
    public const string BasicConstraints = "2.5.29.19";
    public const string NameConstraints = "2.5.29.30";
    public const string CrlDistributionPoints = "2.5.29.31";
    public const string CertificatePolicies = "2.5.29.32";
    public const string PolicyMappings = "2.5.29.33";
    public const string AuthorityKeyIdentifier = "2.5.29.35";
    public const string PolicyConstraints = "2.5.29.36";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string FreshestCrl = "2.5.29.46";
    public const string InhibitAnyPolicy = "2.5.29.54";
    public const string AuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";
    public const string SubjectInfoAccess = "1.3.6.1.5.5.7.1.11";
    public const string TlsFeature = "1.3.6.1.5.5.7.1.24";
    public const string OcspNoCheck = "1.3.6.1.5.5.7.48.1.5";
    public const string SctList = "1.3.6.1.4.1.11129.2.4.2";

    // Access methods
    public const string Ocsp = "1.3.6.1.5.5.7.48.1";
    public const string CaIssuers = "1.3.6.1.5.5.7.48.2";

    // Policies and key purposes
    public const string AnyPolicy = "2.5.29.32.0";
    public const string AnyExtendedKeyUsage = "2.5.29.37.0";
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    public const string CodeSigning = "1.3.6.1.5.5.7.3.3";
    public const string EmailProtection = "1.3.6.1.5.5.7.3.4";
    public const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    public const string OcspSigning = "1.3.6.1.5.5.7.3.9";
    public const string PrecertificateSigning = "1.3.6.1.4.1.11129.2.4.4";

    // Public keys
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string Dsa = "1.2.840.10040.4.1";
    public const string Ed25519 = "1.3.101.112";
    public const string Ed448 = "1.3.101.113";
    public const string MlDsa44 = "2.16.840.1.101.3.4.3.17";
    public const string MlDsa65 = "2.16.840.1.101.3.4.3.18";
    public const string MlDsa87 = "2.16.840.1.101.3.4.3.19";
    public const string Mgf1 = "1.2.840.113549.1.1.8";

    // Curves
    public const string P192 = "1.2.840.10045.3.1.1";
    public const string P256 = "1.2.840.10045.3.1.7";
    public const string P384 = "1.3.132.0.34";
    public const string P521 = "1.3.132.0.35";

    // Signature algorithms
    public const string Md2WithRsa = "1.2.840.113549.1.1.2";
    public const string Md5WithRsa = "1.2.840.113549.1.1.4";
    public const string Sha1WithRsa = "1.2.840.113549.1.1.5";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";
    public const string EcdsaWithSha1 = "1.2.840.10045.4.1";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    public const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";
    public const string DsaWithSha1 = "1.2.840.10040.4.3";
    public const string DsaWithSha256 = "2.16.840.1.101.3.4.3.2";

    // Hashes
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha224 = "2.16.840.1.101.3.4.2.4";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    // Containers
    public const string Pkcs7Data = "1.2.840.113549.1.7.1";
    public const string Pkcs7SignedData = "1.2.840.113549.1.7.2";
}
