using Certwright.Policy;

namespace Certwright.Renewal;

/// <summary>What a renewal run did with one managed certificate.</summary>
public enum RenewalStatus
{
    /// <summary>Not due; nothing done.</summary>
    NotDue,

    /// <summary>Due, but the run was a dry run.</summary>
    WouldRenew,

    /// <summary>Renewed, deployed, reloaded and (when endpoints are named) served.</summary>
    Renewed,

    /// <summary>Renewed and deployed, but an endpoint does not serve the new certificate (<c>renewal-not-served</c>).</summary>
    NotServed,

    /// <summary>Obtaining, deploying or reloading failed; the old certificate stays in place.</summary>
    Failed,
}

/// <summary>The outcome for one managed certificate.</summary>
/// <param name="Name">The managed certificate.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Status">What happened.</param>
/// <param name="Decision">Why it was (not) due, and when it is due.</param>
/// <param name="Findings">renewal-failed, deploy-failed, renewal-not-served.</param>
/// <param name="Sha256">The new certificate's fingerprint when one was obtained.</param>
/// <param name="NotAfter">The new certificate's expiry when one was obtained.</param>
/// <param name="NextAttemptAfter">After a failure: no new attempt before this.</param>
public sealed record RenewalOutcome(
    string Name,
    string Namespace,
    RenewalStatus Status,
    RenewalDecision Decision,
    IReadOnlyList<Finding> Findings,
    string? Sha256 = null,
    DateTimeOffset? NotAfter = null,
    DateTimeOffset? NextAttemptAfter = null)
{
    /// <summary>Whether the run counts this one as a failure (exit code, summary).</summary>
    public bool IsFailure => Status is RenewalStatus.Failed or RenewalStatus.NotServed;
}
