namespace Certwright.Policy;

/// <summary>When an approaching expiry becomes a warning and when it becomes critical.</summary>
/// <param name="Warning">Remaining lifetime at or below which <c>expires-soon</c> is a warning. Default 30 days.</param>
/// <param name="Critical">Remaining lifetime at or below which <c>expires-soon</c> is critical. Default 7 days.</param>
/// <remarks>Critical must not exceed Warning; <see cref="Create"/> enforces it.</remarks>
public sealed record ExpiryThresholds(TimeSpan Warning, TimeSpan Critical)
{
    public static readonly ExpiryThresholds Default = new(TimeSpan.FromDays(30), TimeSpan.FromDays(7));

    /// <summary>Thresholds from whole days, validated.</summary>
    public static ExpiryThresholds Create(int warningDays, int criticalDays)
    {
        if (warningDays < 0 || criticalDays < 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"expiry thresholds must not be negative (warning {warningDays} days, critical {criticalDays} days)");
        }

        if (criticalDays > warningDays)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--critical ({criticalDays} days) must not exceed --warning ({warningDays} days)");
        }

        return new ExpiryThresholds(TimeSpan.FromDays(warningDays), TimeSpan.FromDays(criticalDays));
    }
}
