namespace Certwright.Policy;

/// <summary>Operations on lists of findings that scans, probes, monitoring and the CLI share.</summary>
public static class FindingExtensions
{
    /// <summary>The worst severity among <paramref name="findings"/>; <see cref="Severity.Ok"/> when there are none.</summary>
    public static Severity Worst(this IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var worst = Severity.Ok;
        foreach (var finding in findings)
        {
            worst = finding.Severity > worst ? finding.Severity : worst;
        }

        return worst;
    }

    /// <summary>Adds each finding unless one with the same code about the same subject is already there.</summary>
    public static void AddDistinct(this List<Finding> findings, IEnumerable<Finding> more)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(more);
        foreach (var finding in more)
        {
            if (!findings.Exists(f => f.Code == finding.Code && f.Subject == finding.Subject))
            {
                findings.Add(finding);
            }
        }
    }
}
