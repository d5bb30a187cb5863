using System.Globalization;

namespace Certwright.Policy;

/// <summary>
/// Expiry findings as a pure function of a validity window, the thresholds and the current time,
/// so every boundary can be tested with exact instants.
/// </summary>
public static class ExpiryPolicy
{
    /// <summary>
    /// The expiry finding for a certificate, or null when it is valid and not close to expiry.
    /// RFC 5280 §4.1.2.5: the validity period includes both notBefore and notAfter.
    /// </summary>
    public static Finding? Evaluate(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now, ExpiryThresholds thresholds, string subject)
    {
        if (now < notBefore)
        {
            return new Finding(
                FindingCodes.NotYetValid,
                Severity.Critical,
                $"{subject} is not valid before {Format(notBefore)}",
                subject);
        }

        if (now > notAfter)
        {
            return new Finding(
                FindingCodes.Expired,
                Severity.Critical,
                $"{subject} expired {DaysText(now - notAfter)} ago on {Format(notAfter)}",
                subject);
        }

        var remaining = notAfter - now;
        if (remaining <= thresholds.Critical || remaining <= thresholds.Warning)
        {
            return new Finding(
                FindingCodes.ExpiresSoon,
                remaining <= thresholds.Critical ? Severity.Critical : Severity.Warning,
                $"{subject} expires in {DaysText(remaining)} on {Format(notAfter)}",
                subject);
        }

        return null;
    }

    /// <summary>Whole days left until notAfter, negative once expired (floor, so 0.9 days left is 0).</summary>
    public static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    private static string DaysText(TimeSpan span)
    {
        var days = (int)Math.Floor(span.TotalDays);
        return days switch
        {
            0 => $"{(int)Math.Floor(span.TotalHours)} hours",
            1 => "1 day",
            _ => $"{days} days",
        };
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
