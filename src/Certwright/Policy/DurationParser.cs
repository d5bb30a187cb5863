using System.Globalization;

namespace Certwright.Policy;

/// <summary>Parses the short durations users type: <c>30d</c>, <c>12h</c>, <c>2w</c>, <c>90m</c>, or a bare number of days.</summary>
public static class DurationParser
{
    /// <summary>The longest duration accepted: 100 years, whatever the unit it is written in.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(100 * 366);

    public static TimeSpan Parse(string text, string optionName)
    {
        if (TryParseUnbounded(text, out var value))
        {
            return value <= Maximum
                ? value
                : throw new CertwrightException(ErrorKind.Usage, $"{optionName}: '{text}' is longer than the 100 years accepted; give a shorter duration, e.g. 30d");
        }

        throw new CertwrightException(ErrorKind.Usage, $"{optionName}: '{text}' is not a duration; use a number with a unit, e.g. 30d, 12h, 2w");
    }

    public static bool TryParse(string? text, out TimeSpan value) => TryParseUnbounded(text, out value) && value <= Maximum;

    private static bool TryParseUnbounded(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        var number = char.IsAsciiDigit(unit) ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount < 0)
        {
            return false;
        }

        double? days = (char.IsAsciiDigit(unit) ? 'd' : unit) switch
        {
            'd' => amount,
            'w' => amount * 7,
            'h' => amount / 24,
            'm' => amount / (24 * 60),
            's' => amount / (24 * 60 * 60),
            'y' => amount * 365,
            _ => null,
        };
        if (days is not { } d)
        {
            return false;
        }

        // Anything past the bound is refused by the callers; saturate instead of overflowing TimeSpan.
        value = d > 2 * Maximum.TotalDays ? TimeSpan.MaxValue : TimeSpan.FromDays(d);
        return true;
    }
}
