using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>nameConstraints (RFC 5280 4.2.1.10): permittedSubtrees [0] and excludedSubtrees [1] of GeneralSubtree.</summary>
internal static class NameConstraintsDecoder
{
    private static readonly Asn1Tag Permitted = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Excluded = new(TagClass.ContextSpecific, 1, isConstructed: true);

    public static NameConstraintsValue Read(ref DerReader reader, bool critical)
    {
        var sequence = reader.ReadSequence();
        var extra = false;
        var hasPermitted = sequence.NextIs(Permitted);
        var permitted = hasPermitted ? ReadSubtrees(ref sequence, Permitted, ref extra) : [];
        var hasExcluded = sequence.NextIs(Excluded);
        var excluded = hasExcluded ? ReadSubtrees(ref sequence, Excluded, ref extra) : [];
        sequence.EnsureEnd();
        return new NameConstraintsValue(permitted, excluded, critical)
        {
            HasPermittedSubtrees = hasPermitted,
            HasExcludedSubtrees = hasExcluded,
            HasMinimumOrMaximum = extra,
        };
    }

    private static List<GeneralName> ReadSubtrees(ref DerReader reader, Asn1Tag tag, ref bool hasMinimumOrMaximum)
    {
        var subtrees = reader.ReadSequence(tag);
        var names = new List<GeneralName>();
        while (subtrees.HasData)
        {
            var subtree = subtrees.ReadSequence();
            names.Add(GeneralName.From(GeneralNameReader.ReadRaw(ref subtree), subtree.Rules));

            // minimum [0] DEFAULT 0 and maximum [1]: RFC 5280 says absent; their values mean nothing here.
            hasMinimumOrMaximum |= subtree.HasData;
            while (subtree.HasData)
            {
                subtree.Skip();
            }
        }

        return names;
    }
}
