using System.Globalization;

namespace Certwright.Validation;

/// <summary>
/// One reason a path failed (or a warning about it), in the spirit of openssl's
/// <c>error N at D depth lookup: ...</c>: <see cref="Depth"/> 0 is the leaf.
/// </summary>
/// <param name="Depth">Position in the path, 0 = leaf; -1 when it is about the presented chain as a whole.</param>
/// <param name="Code">Finding code (see <see cref="Policy.FindingCodes"/>).</param>
/// <param name="Message">One line naming the certificate and what is wrong.</param>
/// <param name="IsWarning">True when the problem does not make the path invalid.</param>
public sealed record ValidationError(int Depth, string Code, string Message, bool IsWarning = false)
{
    /// <summary>The nearest <c>X509_V_ERR_*</c> number of OpenSSL, for people used to its output; 0 when none fits.</summary>
    public int OpensslCode => Code switch
    {
        Policy.FindingCodes.BadSignature => 7,
        Policy.FindingCodes.NotYetValid => 9,
        Policy.FindingCodes.Expired => 10,
        Policy.FindingCodes.SelfSigned => 18,
        Policy.FindingCodes.UntrustedRoot => 19,
        Policy.FindingCodes.IncompleteChain => 20,
        Policy.FindingCodes.InvalidBasicConstraints => 24,
        Policy.FindingCodes.PathLengthExceeded => 25,
        Policy.FindingCodes.WrongPurpose => 26,
        Policy.FindingCodes.InvalidKeyUsage => 32,
        Policy.FindingCodes.UnknownCriticalExtension => 34,
        Policy.FindingCodes.PolicyViolation => 43,
        Policy.FindingCodes.NameConstraintViolation => 47,
        Policy.FindingCodes.HostnameMismatch => 62,
        Policy.FindingCodes.WeakKey => 66,
        Policy.FindingCodes.WeakSignatureAlgorithm => 68,
        Policy.FindingCodes.Sha1Signature => 68,
        _ => 0,
    };

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(IsWarning ? "warning" : "error")} {OpensslCode} at depth {Depth} ({Code}): {Message}");
}
