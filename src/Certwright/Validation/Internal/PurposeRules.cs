using Certwright.Certificates;

namespace Certwright.Validation.Internal;

/// <summary>Extended key usage rules for leaves and for the CAs above them.</summary>
internal static class PurposeRules
{
    public static string? Oid(ValidationPurpose purpose) => purpose switch
    {
        ValidationPurpose.Server => Oids.ServerAuth,
        ValidationPurpose.Client => Oids.ClientAuth,
        _ => null,
    };

    public static string Describe(ValidationPurpose purpose) => purpose switch
    {
        ValidationPurpose.Server => "serverAuth",
        ValidationPurpose.Client => "clientAuth",
        _ => "any",
    };

    /// <summary>
    /// Whether a CA's extKeyUsage lets it issue for the purpose. RFC 5280 is silent, but browsers and the
    /// CA/B Forum treat an EKU in a CA certificate as a constraint on everything below it.
    /// </summary>
    public static bool IssuerAllows(ParsedCertificate issuer, ValidationPurpose purpose)
    {
        var oid = Oid(purpose);
        return oid is null || issuer.ExtendedKeyUsage is not { } ekus || ekus.Contains(oid) || ekus.Contains(Oids.AnyExtendedKeyUsage);
    }
}
