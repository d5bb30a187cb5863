using System.Globalization;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Diagnoses the presented chain against the path built from it: certificates out of order, and
/// intermediates the path needed that were not presented (the server should send them).
/// </summary>
internal static class ChainOrderAnalyzer
{
    public static IEnumerable<ValidationError> Analyze(CandidatePath path, ValidationContext context)
    {
        var requireOrder = context.Options.RequirePresentedOrder;
        var presented = context.Pool.Values.SelectMany(l => l).Where(n => n.Source == CertificateSource.Presented).ToDictionary(n => n.Position);
        var nodes = path.Nodes;
        var orderReported = false;
        for (var k = 0; k < nodes.Count - 1; k++)
        {
            var child = nodes[k];
            var issuer = nodes[k + 1];
            if (!orderReported && child.Position >= 0 && issuer.Source == CertificateSource.Presented && issuer.Position != child.Position + 1
                && !IssuedBy(child.Certificate, presented.GetValueOrDefault(child.Position + 1), context))
            {
                orderReported = true;
                var message = string.Create(CultureInfo.InvariantCulture,
                    $"{issuer.Certificate.Display} issued {child.Certificate.Display}, so it should be certificate {child.Position + 1} of the presented chain, but it is certificate {issuer.Position}");
                yield return new ValidationError(k + 1, FindingCodes.WrongChainOrder, message, IsWarning: !requireOrder);
            }

            if (issuer.IsAnchor && !issuer.Certificate.IsSelfIssued && !presented.Values.Any(p => SameCa(p.Certificate, issuer.Certificate)))
            {
                yield return new ValidationError(k + 1, FindingCodes.IncompleteChain,
                    $"{issuer.Certificate.Display}: this intermediate was not presented; the path was completed from the trust store, where it is trusted directly, but other clients need it sent",
                    IsWarning: true);
            }

            if (issuer.Source == CertificateSource.Extra)
            {
                yield return new ValidationError(k + 1, FindingCodes.IncompleteChain,
                    $"{issuer.Certificate.Display}: the path needs this intermediate (issuer of {child.Certificate.Display}) but it was not presented; send it with the certificate",
                    IsWarning: true);
            }
        }
    }

    private static bool SameCa(ParsedCertificate a, ParsedCertificate b) =>
        a.SpkiSha256 == b.SpkiSha256 && a.Subject.Key == b.Subject.Key;

    /// <summary>Whether the certificate presented next also issued the child (an alternative path, not disorder).</summary>
    private static bool IssuedBy(ParsedCertificate child, PathNode? next, ValidationContext context) =>
        next is not null
        && next.Certificate.Subject.Key == child.Issuer.Key
        && context.Verifier.Verify(child, next.Certificate) == SignatureOutcome.Valid;
}
