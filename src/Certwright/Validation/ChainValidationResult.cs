using Certwright.Policy;

namespace Certwright.Validation;

/// <summary>The verdict on one certificate: the path built and everything found wrong with it.</summary>
/// <param name="IsValid">True when a path to a trust anchor passed every check.</param>
/// <param name="Path">The chosen path, leaf first, ending at the trust anchor when one was reached.
/// When no path is valid it is the path with the fewest problems, possibly incomplete.</param>
/// <param name="Findings">Problems as findings (one per code and certificate), errors before warnings.</param>
/// <param name="Errors">Every reason, openssl style, depth by depth.</param>
/// <param name="Profile">The rule book that was applied.</param>
public sealed record ChainValidationResult(
    bool IsValid,
    IReadOnlyList<ChainElement> Path,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ValidationError> Errors,
    ValidationProfile Profile)
{
    /// <summary>Whether a finding with the code is present.</summary>
    public bool Has(string code) => Findings.Any(f => f.Code == code);

    /// <summary>The distinct finding codes, errors first.</summary>
    public IReadOnlyList<string> Codes => Findings.Select(f => f.Code).Distinct().ToArray();
}
