using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>
/// Decoders for the policy extensions (RFC 5280 4.2.1.4, 4.2.1.5, 4.2.1.11, 4.2.1.14). Like
/// <see cref="ExtensionDecoder"/>, they check structure only: empty lists and repeated policies are the caller's call.
/// </summary>
internal static class PolicyExtensionDecoder
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1);

    /// <summary>certificatePolicies: the policy OIDs in order; qualifiers are skipped (informational only).</summary>
    public static List<string> ReadCertificatePolicies(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        var policies = new List<string>(2);
        while (sequence.HasData)
        {
            var information = sequence.ReadSequence();
            policies.Add(information.ReadOid().Dotted);
            if (information.HasData)
            {
                information.ReadSequence();
            }

            information.EnsureEnd();
        }

        return policies;
    }

    public static List<PolicyMappingValue> ReadPolicyMappings(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        var mappings = new List<PolicyMappingValue>(2);
        while (sequence.HasData)
        {
            var mapping = sequence.ReadSequence();
            mappings.Add(new PolicyMappingValue(mapping.ReadOid().Dotted, mapping.ReadOid().Dotted));
            mapping.EnsureEnd();
        }

        return mappings;
    }

    /// <summary>policyConstraints: requireExplicitPolicy [0] and inhibitPolicyMapping [1], both optional.</summary>
    public static PolicyConstraintsValue ReadPolicyConstraints(ref DerReader reader)
    {
        var sequence = reader.ReadSequence();
        int? require = sequence.NextIs(Context0) ? ExtensionDecoder.ReadCount(ref sequence, "requireExplicitPolicy", Context0) : null;
        int? inhibit = sequence.NextIs(Context1) ? ExtensionDecoder.ReadCount(ref sequence, "inhibitPolicyMapping", Context1) : null;
        sequence.EnsureEnd();
        return new PolicyConstraintsValue(require, inhibit);
    }

    /// <summary>inhibitAnyPolicy: SkipCerts.</summary>
    public static int ReadInhibitAnyPolicy(ref DerReader reader) => ExtensionDecoder.ReadCount(ref reader, "inhibitAnyPolicy");
}
