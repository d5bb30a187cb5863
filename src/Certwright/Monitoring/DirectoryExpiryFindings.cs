using Certwright.Inventory;
using Certwright.Policy;

namespace Certwright.Monitoring;

/// <summary>
/// The expiry findings of the certificates a watched-directory check found (expired, not yet valid, or inside the
/// thresholds), so the check's status says what its files hold and not only whether they could be read.
/// At most <see cref="MaxFindings"/> are kept, the worst first, plus one line counting the rest.
/// </summary>
internal sealed class DirectoryExpiryFindings
{
    /// <summary>Findings kept per check: the check history stores each one. <value>200.</value></summary>
    public const int MaxFindings = 200;

    private readonly DateTimeOffset _now;
    private readonly ExpiryThresholds _thresholds;
    private readonly List<Finding> _findings = [];
    private readonly HashSet<(string Sha256, string Location)> _seen = [];

    public DirectoryExpiryFindings(DateTimeOffset now, ExpiryThresholds thresholds)
    {
        _now = now;
        _thresholds = thresholds;
    }

    /// <summary>Judges one certificate found at one file location (a certificate found twice in a file counts once).</summary>
    public void Add(CertificateObservation observation)
    {
        var certificate = observation.Certificate;
        var location = observation.Location.ToString();
        if (!_seen.Add((certificate.Sha256, location)))
        {
            return;
        }

        var subject = certificate.Subject.Length == 0 ? "(empty subject)" : certificate.Subject;
        if (ExpiryPolicy.Evaluate(certificate.NotBefore, certificate.NotAfter, _now, _thresholds, subject) is { } finding)
        {
            // The subject of the finding is the file, as for the import's own problems.
            _findings.Add(finding with { Message = $"{location}: {finding.Message}", Subject = location });
        }
    }

    /// <summary>The findings, worst first (then by file), capped at <see cref="MaxFindings"/>.</summary>
    public IReadOnlyList<Finding> ToList()
    {
        var ordered = _findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Subject, StringComparer.Ordinal).ToList();
        if (ordered.Count <= MaxFindings)
        {
            return ordered;
        }

        var rest = ordered.Skip(MaxFindings).ToArray();
        var kept = ordered.Take(MaxFindings).ToList();
        kept.Add(new Finding(
            rest[0].Code,
            rest[0].Severity,
            $"and {rest.Length} more certificates with expiry findings ('certwright audit' lists them all)",
            Subject: null));
        return kept;
    }
}
