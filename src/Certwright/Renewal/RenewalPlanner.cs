using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Certwright.Renewal;

/// <summary>
/// When to renew: pure functions of the certificate's validity, the rule, the CA's suggested window and the time, so every
/// case is a table row in the tests (the habit of cert-manager's renewaltime.go).
/// </summary>
public static class RenewalPlanner
{
    /// <summary>The default rule: renew when this fraction of the lifetime remains.</summary>
    public const double DefaultRemainingFraction = 1.0 / 3.0;

    /// <summary>First retry delay after a failure; it doubles with each further failure up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromMinutes(5);

    /// <value>6 hours: a failing renewal is still retried several times a day while the certificate has weeks left.</value>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    /// <summary>Decides for one managed certificate.</summary>
    /// <param name="managed">The definition (its <see cref="ManagedCertificate.RenewBefore"/> rule).</param>
    /// <param name="state">Its state: the current certificate's validity, the backoff.</param>
    /// <param name="suggested">The CA's ARI window for the current certificate, or null.</param>
    /// <param name="now">The time.</param>
    /// <param name="force">Renew now whatever the window and the backoff say.</param>
    public static RenewalDecision Decide(ManagedCertificate managed, ManagedCertificateState state, RenewalWindow? suggested, DateTimeOffset now, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(managed);
        ArgumentNullException.ThrowIfNull(state);
        if (force)
        {
            return new RenewalDecision(true, now, "forced");
        }

        if (state.NextAttemptAfter is { } retry && retry > now)
        {
            return new RenewalDecision(false, retry, string.Create(CultureInfo.InvariantCulture, $"backing off after {state.ConsecutiveFailures} failure(s)"));
        }

        if (state.NotBefore is not { } notBefore || state.NotAfter is not { } notAfter || state.CurrentSha256 is null)
        {
            return new RenewalDecision(true, state.NextAttemptAfter, "no certificate yet");
        }

        var renewAt = RenewalTime(managed, state.CurrentSha256, notBefore, notAfter, suggested);
        if (notAfter <= now)
        {
            return new RenewalDecision(true, renewAt, "expired");
        }

        return now >= renewAt
            ? new RenewalDecision(true, renewAt, suggested is null ? "inside the renewal window" : "inside the CA's renewal window (ARI)")
            : new RenewalDecision(false, renewAt, suggested is null ? "not due yet" : "not due yet (the CA's renewal window, ARI)");
    }

    /// <summary>
    /// When the certificate becomes due: inside the CA's suggested window when there is one (RFC 9773 §4.2: a time chosen
    /// uniformly at random in it; here derived from the name and fingerprint so that repeated runs agree and many
    /// certificates spread over the window), else <see cref="ManagedCertificate.RenewBefore"/> before expiry, else when a
    /// third of the lifetime remains.
    /// </summary>
    public static DateTimeOffset RenewalTime(ManagedCertificate managed, string sha256, DateTimeOffset notBefore, DateTimeOffset notAfter, RenewalWindow? suggested)
    {
        ArgumentNullException.ThrowIfNull(managed);
        if (suggested is { } window && window.End > window.Start)
        {
            var span = window.End - window.Start;
            return window.Start + TimeSpan.FromTicks((long)(span.Ticks * Spread(managed.Name, sha256)));
        }

        if (suggested is { } instant)
        {
            return instant.Start;
        }

        if (managed.RenewBefore is { } before)
        {
            return notAfter - before < notBefore ? notBefore : notAfter - before;
        }

        var lifetime = notAfter - notBefore;
        return notAfter - TimeSpan.FromTicks((long)(lifetime.Ticks * DefaultRemainingFraction));
    }

    /// <summary>The delay before the next attempt after <paramref name="consecutiveFailures"/> failures in a row.</summary>
    public static TimeSpan Backoff(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(consecutiveFailures - 1, 30);
        var delay = TimeSpan.FromTicks(Math.Min(InitialBackoff.Ticks << doublings, MaxBackoff.Ticks));
        return delay > MaxBackoff ? MaxBackoff : delay;
    }

    /// <summary>A fraction in [0, 1) fixed by the name and the certificate.</summary>
    private static double Spread(string name, string sha256)
    {
        var hash = XxHash64.Hash(Encoding.UTF8.GetBytes(name + "\n" + sha256));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
