namespace Certwright.Certificates;

/// <summary>authorityKeyIdentifier (RFC 5280 4.2.1.1): which of its three optional fields are present.</summary>
internal readonly ref struct AuthorityKeyIdentifier
{
    public required bool HasKeyIdentifier { get; init; }

    /// <summary>The keyIdentifier contents; empty when absent.</summary>
    public required ReadOnlySpan<byte> KeyIdentifier { get; init; }

    public required bool HasIssuer { get; init; }

    public required bool HasSerial { get; init; }
}

/// <summary>authorityKeyIdentifier as the path validator keeps it.</summary>
internal sealed record AuthorityKeyIdValue(byte[]? KeyId, bool HasIssuer, bool HasSerial);

/// <summary>One policyMappings entry (RFC 5280 4.2.1.5).</summary>
internal sealed record PolicyMappingValue(string IssuerDomainPolicy, string SubjectDomainPolicy);

/// <summary>policyConstraints (RFC 5280 4.2.1.11); skip counts beyond <see cref="int.MaxValue"/> read as <see cref="int.MaxValue"/>.</summary>
internal sealed record PolicyConstraintsValue(int? RequireExplicitPolicy, int? InhibitPolicyMapping);

/// <summary>nameConstraints (RFC 5280 4.2.1.10): the subtrees' base names, and what else the encoding carried.</summary>
/// <param name="Permitted">permittedSubtrees bases (empty when absent).</param>
/// <param name="Excluded">excludedSubtrees bases (empty when absent).</param>
/// <param name="Critical">Whether the extension was marked critical.</param>
internal sealed record NameConstraintsValue(IReadOnlyList<GeneralName> Permitted, IReadOnlyList<GeneralName> Excluded, bool Critical)
{
    public bool HasPermittedSubtrees { get; init; }

    public bool HasExcludedSubtrees { get; init; }

    /// <summary>Whether a GeneralSubtree carries minimum or maximum, which RFC 5280 forbids.</summary>
    public bool HasMinimumOrMaximum { get; init; }
}
