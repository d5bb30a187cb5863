namespace Certwright.Certificates;

/// <summary>What the extensions of one certificate said, collected while reading them in order.</summary>
internal sealed class ParsedExtensions
{
    // Beyond a few extensions a set keeps the duplicate check linear on hostile input.
    private const int LinearSearchLimit = 16;

    private HashSet<string>? _seen;

    public List<ExtensionInfo> All { get; } = new(12);

    public List<SubjectAlternativeName>? SubjectAlternativeNames { get; set; }

    public KeyUsageBits? KeyUsage { get; set; }

    public List<string>? ExtendedKeyUsages { get; set; }

    public BasicConstraintsInfo? BasicConstraints { get; set; }

    public string? AuthorityKeyId { get; set; }

    public string? SubjectKeyId { get; set; }

    public List<string>? OcspUrls { get; set; }

    public List<string>? CaIssuerUrls { get; set; }

    public List<string>? CrlDistributionPoints { get; set; }

    public int SctCount { get; set; }

    /// <summary>Records an extension; RFC 5280 forbids repeating one, and clients reject such certificates.</summary>
    public void Add(ExtensionInfo extension)
    {
        if (_seen is null)
        {
            foreach (var seen in All)
            {
                if (seen.Oid == extension.Oid)
                {
                    throw Duplicate(extension);
                }
            }

            if (All.Count == LinearSearchLimit)
            {
                _seen = new HashSet<string>(All.Select(e => e.Oid), StringComparer.Ordinal);
            }
        }

        if (_seen is not null && !_seen.Add(extension.Oid))
        {
            throw Duplicate(extension);
        }

        All.Add(extension);
    }

    private static System.Formats.Asn1.AsnContentException Duplicate(ExtensionInfo extension) =>
        new($"extension {OidRegistry.Lookup(extension.Oid).Display} appears more than once");
}
