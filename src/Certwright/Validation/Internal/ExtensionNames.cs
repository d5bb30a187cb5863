using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>Names (from the shared OID table) and finding codes of the extensions, for messages.</summary>
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

    /// <summary>openssl's short name of the OID (<c>subjectAltName</c>, <c>extendedKeyUsage</c>), or the dotted form.</summary>
    public static string Describe(string oid) => OidRegistry.Lookup(oid).Display;
}
