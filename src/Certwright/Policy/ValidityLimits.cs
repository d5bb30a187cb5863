namespace Certwright.Policy;

/// <summary>
/// The longest validity a TLS server certificate may have, by the date it was issued (its notBefore). The default
/// is the CA/Browser Forum schedule for publicly trusted certificates (Baseline Requirements 6.3.2, ballot SC-081):
/// 398 days, then 200 days from 2026-03-15, 100 days from 2027-03-15 and 47 days from 2029-03-15.
/// </summary>
/// <param name="Steps">(issued on or after, maximum validity) pairs, sorted by date; before the first, no limit.</param>
public sealed record ValidityLimits(IReadOnlyList<(DateTimeOffset From, TimeSpan MaxValidity)> Steps)
{
    public static readonly ValidityLimits CaBrowserForum = new([
        (new DateTimeOffset(2020, 9, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(398)),
        (new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(200)),
        (new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(100)),
        (new DateTimeOffset(2029, 3, 15, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(47)),
    ]);

    /// <summary>One limit for every certificate, whenever it was issued (e.g. a private CA's own rule).</summary>
    public static ValidityLimits Fixed(TimeSpan maxValidity) => new([(DateTimeOffset.MinValue, maxValidity)]);

    /// <summary>The maximum validity for a certificate issued at <paramref name="notBefore"/>, or null when none applies.</summary>
    public TimeSpan? MaxValidityAt(DateTimeOffset notBefore)
    {
        TimeSpan? limit = null;
        foreach (var (from, maxValidity) in Steps)
        {
            if (notBefore >= from)
            {
                limit = maxValidity;
            }
        }

        return limit;
    }

    /// <summary>
    /// The validity period as the Baseline Requirements count it: notBefore to notAfter inclusive, so a
    /// certificate valid from 00:00:00 to 23:59:59 of the same day lasts exactly one day.
    /// </summary>
    public static TimeSpan ValidityOf(DateTimeOffset notBefore, DateTimeOffset notAfter) => notAfter - notBefore + TimeSpan.FromSeconds(1);
}
