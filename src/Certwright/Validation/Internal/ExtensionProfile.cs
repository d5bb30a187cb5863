using System.Formats.Asn1;
using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Reads the extensions path validation processes with the shared decoders (<see cref="ExtensionDecoder"/>
/// and friends) and holds them to the RFC 5280 profile: repeated extensions, criticality, empty lists and
/// malformed values become defects (the certificate is then rejected) rather than exceptions, so the rest of
/// the certificate stays usable for diagnostics. The inventory reads the same extensions leniently.
/// </summary>
internal sealed class ExtensionProfile
{
    private static readonly HashSet<string> Processed = new(StringComparer.Ordinal)
    {
        Oids.SubjectKeyIdentifier, Oids.KeyUsage, Oids.SubjectAltName, Oids.IssuerAltName, Oids.BasicConstraints,
        Oids.NameConstraints, Oids.CrlDistributionPoints, Oids.CertificatePolicies, Oids.PolicyMappings,
        Oids.AuthorityKeyIdentifier, Oids.PolicyConstraints, Oids.ExtendedKeyUsage, Oids.FreshestCrl,
        Oids.InhibitAnyPolicy, Oids.AuthorityInfoAccess, Oids.SubjectInfoAccess, Oids.TlsFeature,
        Oids.OcspNoCheck, Oids.SctList, Oids.SubjectDirectoryAttributes,
    };

    // RFC 5280: conforming CAs MUST mark these non-critical.
    private static readonly HashSet<string> MustBeNonCritical = new(StringComparer.Ordinal)
    {
        Oids.AuthorityKeyIdentifier, Oids.SubjectKeyIdentifier, Oids.AuthorityInfoAccess, Oids.SubjectInfoAccess,
        Oids.FreshestCrl, Oids.SubjectDirectoryAttributes, Oids.SctList,
    };

    private readonly List<CertificateDefect> _defects;

    public ExtensionProfile(List<CertificateDefect> defects)
    {
        _defects = defects;
    }

    /// <summary>Every extension in certificate order, repeats included.</summary>
    public List<ExtensionInfo> All { get; } = [];

    public BasicConstraintsInfo? BasicConstraints { get; private set; }

    public KeyUsageBits? KeyUsage { get; private set; }

    public bool KeyUsageCritical { get; private set; }

    public List<string>? ExtendedKeyUsage { get; private set; }

    public bool ExtendedKeyUsageCritical { get; private set; }

    public List<GeneralName>? SubjectAltNames { get; private set; }

    public bool SubjectAltNamesCritical { get; private set; }

    public NameConstraintsValue? NameConstraints { get; private set; }

    public byte[]? SubjectKeyId { get; private set; }

    public AuthorityKeyIdValue? AuthorityKeyId { get; private set; }

    public List<string>? Policies { get; private set; }

    public List<PolicyMappingValue>? PolicyMappings { get; private set; }

    public PolicyConstraintsValue? PolicyConstraints { get; private set; }

    public int? InhibitAnyPolicy { get; private set; }

    public List<string> UnknownCritical { get; } = [];

    /// <summary>Reads every extension; a malformed list (not a malformed value) throws <see cref="AsnContentException"/>.</summary>
    public void Read(ref ExtensionEnumerator extensions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (extensions.MoveNext())
        {
            var oid = extensions.Oid.Dotted;
            var critical = extensions.IsCritical;
            All.Add(new ExtensionInfo(oid, critical));
            if (!seen.Add(oid))
            {
                _defects.Add(new(FindingCodes.NonconformingCertificate, $"extension {oid} appears more than once (RFC 5280 4.2)"));
                continue;
            }

            if (critical && !Processed.Contains(oid))
            {
                UnknownCritical.Add(oid);
            }

            if (critical && MustBeNonCritical.Contains(oid))
            {
                _defects.Add(new(FindingCodes.NonconformingCertificate, $"extension {ExtensionNames.Describe(oid)} is marked critical; RFC 5280 requires it non-critical"));
            }

            try
            {
                var reader = extensions.ValueReader();
                ReadOne(oid, critical, ref reader);
                reader.EnsureEnd();
            }
            catch (Exception e) when (e is AsnContentException or ArgumentException or OverflowException)
            {
                _defects.Add(new(ExtensionNames.CodeFor(oid), $"extension {ExtensionNames.Describe(oid)} is malformed ({e.Message})"));
            }
        }

        if (All.Count == 0)
        {
            _defects.Add(new(FindingCodes.NonconformingCertificate, "the extensions field is an empty SEQUENCE (RFC 5280 4.1)"));
        }
    }

    private void ReadOne(string oid, bool critical, ref DerReader reader)
    {
        // Where a value is malformed, presence is recorded first: it must not read as "no extension".
        switch (oid)
        {
            case Oids.BasicConstraints:
                BasicConstraints = new BasicConstraintsInfo(false, null, critical);
                var (isCa, pathLength) = ExtensionDecoder.ReadBasicConstraints(ref reader);
                BasicConstraints = new BasicConstraintsInfo(isCa, pathLength, critical);
                break;
            case Oids.KeyUsage:
                KeyUsageCritical = critical;
                KeyUsage = KeyUsageBits.None;
                KeyUsage = ExtensionDecoder.ReadKeyUsage(ref reader);
                Require(KeyUsage != KeyUsageBits.None, "no key usage bit is set (RFC 5280 4.2.1.3)");
                break;
            case Oids.ExtendedKeyUsage:
                ExtendedKeyUsageCritical = critical;
                ExtendedKeyUsage = [];
                ExtendedKeyUsage = NonEmpty(ExtensionDecoder.ReadOidList(ref reader), "extKeyUsage is an empty SEQUENCE");
                break;
            case Oids.SubjectAltName:
                SubjectAltNamesCritical = critical;
                SubjectAltNames = [];
                SubjectAltNames = NonEmpty(GeneralName.ReadAll(ref reader), "GeneralNames is an empty SEQUENCE");
                break;
            case Oids.NameConstraints:
                NameConstraints = new NameConstraintsValue([], [], critical);
                NameConstraints = CheckNameConstraints(NameConstraintsDecoder.Read(ref reader, critical));
                break;
            case Oids.SubjectKeyIdentifier:
                SubjectKeyId = ExtensionDecoder.ReadSubjectKeyId(ref reader).ToArray();
                break;
            case Oids.AuthorityKeyIdentifier:
                var aki = ExtensionDecoder.ReadAuthorityKeyId(ref reader);
                AuthorityKeyId = new AuthorityKeyIdValue(aki.HasKeyIdentifier ? aki.KeyIdentifier.ToArray() : null, aki.HasIssuer, aki.HasSerial);
                break;
            case Oids.CertificatePolicies:
                Policies = [];
                Policies = CheckPolicies(PolicyExtensionDecoder.ReadCertificatePolicies(ref reader));
                break;
            case Oids.PolicyMappings:
                PolicyMappings = [];
                PolicyMappings = NonEmpty(PolicyExtensionDecoder.ReadPolicyMappings(ref reader), "policyMappings is an empty SEQUENCE");
                break;
            case Oids.PolicyConstraints:
                var constraints = PolicyExtensionDecoder.ReadPolicyConstraints(ref reader);
                Require(constraints is not { RequireExplicitPolicy: null, InhibitPolicyMapping: null }, "policyConstraints is an empty SEQUENCE (RFC 5280 4.2.1.11)");
                PolicyConstraints = constraints;
                break;
            case Oids.InhibitAnyPolicy:
                InhibitAnyPolicy = PolicyExtensionDecoder.ReadInhibitAnyPolicy(ref reader);
                break;
            case Oids.AuthorityInfoAccess:
            case Oids.SubjectInfoAccess:
                var descriptions = new AccessDescriptionReader(ref reader);
                var count = 0;
                while (descriptions.MoveNext())
                {
                    GeneralName.From(descriptions.Location, reader.Rules);
                    count++;
                }

                Require(count > 0, "the access description list is empty");
                break;
            case Oids.IssuerAltName:
                NonEmpty(GeneralName.ReadAll(ref reader), "GeneralNames is an empty SEQUENCE");
                break;
            default:
                // Not processed here (CRL DP, SCTs, TLS feature, unknown extensions): the value must still be one DER value.
                reader.Skip();
                break;
        }
    }

    private static NameConstraintsValue CheckNameConstraints(NameConstraintsValue value)
    {
        // RFC 5280 4.2.1.10: minimum MUST be zero (so absent in DER) and maximum MUST be absent.
        Require(!value.HasMinimumOrMaximum, "a GeneralSubtree carries minimum or maximum");
        Require(!(value.HasPermittedSubtrees && value.Permitted.Count == 0) && !(value.HasExcludedSubtrees && value.Excluded.Count == 0),
            "a GeneralSubtrees is an empty SEQUENCE");
        Require(value.HasPermittedSubtrees || value.HasExcludedSubtrees, "neither permittedSubtrees nor excludedSubtrees is present");
        return value;
    }

    private static List<string> CheckPolicies(List<string> policies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            Require(seen.Add(policy), $"policy {policy} appears more than once (RFC 5280 4.2.1.4)");
        }

        return NonEmpty(policies, "certificatePolicies is an empty SEQUENCE");
    }

    private static List<T> NonEmpty<T>(List<T> list, string problem)
    {
        Require(list.Count > 0, problem);
        return list;
    }

    /// <summary>A profile rule the value breaks is reported like a decoding error: the extension is malformed.</summary>
    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new AsnContentException(problem);
        }
    }
}
