using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>Names and finding codes of the extensions, for messages.</summary>
internal static class ExtensionNames
{
    public static string CodeFor(string oid) => oid switch
    {
        Oids.BasicConstraints => FindingCodes.InvalidBasicConstraints,
        Oids.KeyUsage => FindingCodes.InvalidKeyUsage,
        Oids.ExtendedKeyUsage => FindingCodes.WrongPurpose,
        Oids.NameConstraints => FindingCodes.NameConstraintViolation,
        Oids.CertificatePolicies or Oids.PolicyMappings or Oids.PolicyConstraints or Oids.InhibitAnyPolicy => FindingCodes.PolicyViolation,
        _ => FindingCodes.NonconformingCertificate,
    };

    public static string Describe(string oid) => oid switch
    {
        Oids.SubjectKeyIdentifier => "subjectKeyIdentifier",
        Oids.KeyUsage => "keyUsage",
        Oids.SubjectAltName => "subjectAltName",
        Oids.IssuerAltName => "issuerAltName",
        Oids.BasicConstraints => "basicConstraints",
        Oids.NameConstraints => "nameConstraints",
        Oids.CrlDistributionPoints => "cRLDistributionPoints",
        Oids.CertificatePolicies => "certificatePolicies",
        Oids.PolicyMappings => "policyMappings",
        Oids.AuthorityKeyIdentifier => "authorityKeyIdentifier",
        Oids.PolicyConstraints => "policyConstraints",
        Oids.ExtendedKeyUsage => "extKeyUsage",
        Oids.InhibitAnyPolicy => "inhibitAnyPolicy",
        Oids.AuthorityInfoAccess => "authorityInfoAccess",
        Oids.SubjectInfoAccess => "subjectInfoAccess",
        _ => oid,
    };
}
