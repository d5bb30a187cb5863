using System.ComponentModel.DataAnnotations;

namespace Certwright.Validation;

/// <summary>Tuning and RFC 5280 user inputs for one validation. Immutable; share one instance.</summary>
public sealed record ChainValidationOptions
{
    /// <summary>The defaults: profile chosen from the purpose, any policy acceptable.</summary>
    public static ChainValidationOptions Default { get; } = new();

    /// <summary>
    /// The rule book. <value>Default: null, meaning <see cref="ValidationProfile.WebPki"/> for
    /// <see cref="ValidationPurpose.Server"/> and <see cref="ValidationProfile.Rfc5280"/> otherwise.</value>
    /// </summary>
    public ValidationProfile? Profile { get; init; }

    /// <summary>
    /// Most certificates in a path, leaf and trust anchor included. <value>Default: 10.</value>
    /// </summary>
    [Range(1, 32)]
    public int MaxPathLength { get; init; } = 10;

    /// <summary>
    /// Whether a presented chain out of order makes the result invalid. <value>Default: false</value>
    /// (<c>wrong-chain-order</c> is then a warning, as TLS 1.3 clients tolerate it).
    /// </summary>
    public bool RequirePresentedOrder { get; init; }

    /// <summary>
    /// Most candidate paths checked before giving up. <value>Default: 64.</value>
    /// <remarks>Bounds the work a hostile bag of cross-signed certificates can cause.</remarks>
    /// </summary>
    [Range(1, 10_000)]
    public int MaxCandidatePaths { get; init; } = 64;

    /// <summary>
    /// Most presented (and, separately, extra) certificates looked at; the rest are ignored with a warning.
    /// <value>Default: 64.</value>
    /// <remarks>A TLS server controls what it presents: this bounds the parsing a hostile one can cause.</remarks>
    /// </summary>
    [Range(1, 1_000)]
    public int MaxIntermediates { get; init; } = 64;

    /// <summary>
    /// RFC 5280 user-initial-policy-set: the policies the caller accepts. <value>Default: empty, meaning anyPolicy.</value>
    /// </summary>
    public IReadOnlyList<string> InitialPolicies { get; init; } = [];

    /// <summary>RFC 5280 initial-explicit-policy. <value>Default: false.</value></summary>
    public bool InitialExplicitPolicy { get; init; }

    /// <summary>RFC 5280 initial-policy-mapping-inhibit. <value>Default: false.</value></summary>
    public bool InitialPolicyMappingInhibit { get; init; }

    /// <summary>RFC 5280 initial-any-policy-inhibit. <value>Default: false.</value></summary>
    public bool InitialAnyPolicyInhibit { get; init; }

    internal ValidationProfile ProfileFor(ValidationPurpose purpose) =>
        Profile ?? (purpose == ValidationPurpose.Server ? ValidationProfile.WebPki : ValidationProfile.Rfc5280);
}
