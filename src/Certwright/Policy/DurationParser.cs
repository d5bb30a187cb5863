using System.Globalization;

namespace Certwright.Policy;

/// <summary>Parses the short durations users type: <c>30d</c>, <c>12h</c>, <c>2w</c>, <c>90m</c>, or a bare number of days.</summary>
public static class DurationParser
{
    public static TimeSpan Parse(string text, string optionName)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new CertwrightException(ErrorKind.Usage, $"{optionName}: '{text}' is not a duration; use a number with a unit, e.g. 30d, 12h, 2w");
    }

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        var number = char.IsAsciiDigit(unit) ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount < 0 || amount > 100 * 366)
        {
            return false;
        }

        switch (char.IsAsciiDigit(unit) ? 'd' : unit)
        {
            case 'd': value = TimeSpan.FromDays(amount); return true;
            case 'w': value = TimeSpan.FromDays(amount * 7); return true;
            case 'h': value = TimeSpan.FromHours(amount); return true;
            case 'm': value = TimeSpan.FromMinutes(amount); return true;
            case 's': value = TimeSpan.FromSeconds(amount); return true;
            case 'y': value = TimeSpan.FromDays(amount * 365); return true;
            default: return false;
        }
    }
}
