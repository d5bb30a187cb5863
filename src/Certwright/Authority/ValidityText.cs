using System.Globalization;

namespace Certwright.Authority;

/// <summary>Validity periods as the CLI writes them: <c>90d</c>, <c>24h</c>, <c>30m</c>, <c>45s</c> (seconds for tests and very short-lived mTLS certificates).</summary>
public static class ValidityText
{
    public static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerDay == 0 ? $"{value.Ticks / TimeSpan.TicksPerDay}d"
        : value.Ticks % TimeSpan.TicksPerHour == 0 ? $"{value.Ticks / TimeSpan.TicksPerHour}h"
        : value.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{value.Ticks / TimeSpan.TicksPerMinute}m"
        : $"{(long)Math.Ceiling(value.TotalSeconds)}s";

    /// <exception cref="CertwrightException">Usage: not a positive number followed by d, h or m.</exception>
    public static TimeSpan Parse(string text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length >= 2
            && long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n is > 0 and <= 100 * 366 * 24 * 60)
        {
            switch (char.ToLowerInvariant(value[^1]))
            {
                case 'd' when n <= 100 * 366: return TimeSpan.FromDays(n);
                case 'h' when n <= 100 * 366 * 24: return TimeSpan.FromHours(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 's': return TimeSpan.FromSeconds(n);
            }
        }

        throw new CertwrightException(ErrorKind.Usage, $"validity '{text}' is not a duration such as 90d, 24h, 30m or 45s");
    }
}
