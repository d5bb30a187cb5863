namespace Certwright.Renewal;

/// <summary>Whether a managed certificate is to be renewed now, when it will be, and why.</summary>
/// <param name="Due">Renew in this run.</param>
/// <param name="RenewAt">When it becomes due (null: now, no certificate yet).</param>
/// <param name="Reason">One phrase for people: <c>no certificate yet</c>, <c>inside the renewal window</c>, ...</param>
public sealed record RenewalDecision(bool Due, DateTimeOffset? RenewAt, string Reason);
