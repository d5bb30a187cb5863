using System.Globalization;
using Cronos;

namespace Certwright.Monitoring.Configuration;

/// <summary>
/// When a check runs: a cron expression (five fields, or six with seconds; evaluated in UTC) or a fixed interval
/// (<c>every: 6h</c>). Immutable and compared by its text.
/// </summary>
public sealed class CheckSchedule : IEquatable<CheckSchedule>
{
    private readonly CronExpression? _cron;
    private readonly TimeSpan _interval;

    private CheckSchedule(string text, CronExpression? cron, TimeSpan interval)
    {
        Text = text;
        _cron = cron;
        _interval = interval;
    }

    /// <summary>The schedule as the user wrote it: <c>every 6h</c> or the cron expression.</summary>
    public string Text { get; }

    /// <summary>True for a cron schedule, false for a fixed interval.</summary>
    public bool IsCron => _cron is not null;

    /// <summary>A fixed interval; at least one second.</summary>
    public static CheckSchedule Every(TimeSpan interval)
    {
        if (interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "a check interval must be at least one second");
        }

        return new CheckSchedule("every " + FormatInterval(interval), null, interval);
    }

    /// <summary>Parses a cron expression: five fields, or six when the first is seconds.</summary>
    /// <exception cref="FormatException">Not a cron expression Cronos accepts; the message says why.</exception>
    public static CheckSchedule Cron(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var trimmed = expression.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var cron = CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return new CheckSchedule(trimmed, cron, TimeSpan.Zero);
        }
        catch (CronFormatException e)
        {
            throw new FormatException(e.Message.TrimEnd('.'), e);
        }
    }

    /// <summary>Parses the <see cref="Text"/> form: <c>every 6h</c> or a cron expression.</summary>
    /// <exception cref="FormatException">Neither.</exception>
    public static CheckSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("every ", StringComparison.OrdinalIgnoreCase))
        {
            return Policy.DurationParser.TryParse(trimmed[6..], out var interval) && interval >= TimeSpan.FromSeconds(1)
                ? Every(interval)
                : throw new FormatException($"'{trimmed[6..].Trim()}' is not an interval of at least 1s (e.g. 15m, 6h, 1d)");
        }

        return Cron(trimmed);
    }

    /// <summary>The first slot strictly after <paramref name="instant"/>; null when a cron expression has no later occurrence.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) =>
        _cron is null ? instant + _interval : _cron.GetNextOccurrence(instant, TimeZoneInfo.Utc, inclusive: false);

    /// <summary>
    /// The length of the slot that starts at <paramref name="slot"/>: the interval, or the time to the cron
    /// expression's following occurrence. Jitter stays within a fraction of it, so a check never slips into its next slot.
    /// </summary>
    public TimeSpan SlotLength(DateTimeOffset slot) =>
        _cron is null ? _interval : (_cron.GetNextOccurrence(slot, TimeZoneInfo.Utc, inclusive: false) is { } next ? next - slot : TimeSpan.Zero);

    public bool Equals(CheckSchedule? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as CheckSchedule);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;

    private static string FormatInterval(TimeSpan interval)
    {
        if (interval.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return interval.TotalDays.ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (interval.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return interval.TotalHours.ToString(CultureInfo.InvariantCulture) + "h";
        }

        return interval.Ticks % TimeSpan.TicksPerMinute == 0
            ? interval.TotalMinutes.ToString(CultureInfo.InvariantCulture) + "m"
            : Math.Round(interval.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
