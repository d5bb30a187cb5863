using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>Turns the chosen path and its problems into the public result: elements, reasons and findings.</summary>
internal static class ResultBuilder
{
    public static ChainValidationResult Build(ValidationContext context, CandidatePath path, ErrorSink sink, IEnumerable<ValidationError> inputProblems)
    {
        var errors = sink.Items
            .Concat(ChainOrderAnalyzer.Analyze(path, context))
            .Concat(inputProblems)
            .OrderBy(e => e.IsWarning)
            .ThenBy(e => e.Depth)
            .ToList();
        var isValid = path.IsComplete && errors.All(e => e.IsWarning);
        var elements = path.Nodes.Select(n => new ChainElement(
            n.Certificate.Der,
            n.Certificate.Sha256,
            n.Certificate.Subject.ToString(),
            n.Certificate.Issuer.ToString(),
            n.Certificate.NotBefore,
            n.Certificate.NotAfter,
            n.Source)).ToList();
        return new ChainValidationResult(isValid, elements, Findings(errors, path), errors, context.Profile);
    }

    public static ChainValidationResult Unreadable(string message, ValidationProfile profile)
    {
        var error = new ValidationError(0, FindingCodes.CorruptCertificate, message);
        return new ChainValidationResult(false, [], [new Finding(error.Code, Severity.Critical, message)], [error], profile);
    }

    private static List<Finding> Findings(List<ValidationError> errors, CandidatePath path)
    {
        var findings = new List<Finding>();
        var seen = new HashSet<(string, string?)>();
        foreach (var error in errors)
        {
            var subject = error.Depth >= 0 && error.Depth < path.Nodes.Count ? path.Nodes[error.Depth].Certificate.Sha256 : null;
            if (seen.Add((error.Code, subject)))
            {
                findings.Add(new Finding(error.Code, error.IsWarning ? Severity.Warning : Severity.Critical, error.Message, subject));
            }
        }

        return findings;
    }
}
