using System.Globalization;

namespace Certwright.Cli;

/// <summary>Parses byte sizes users type: <c>10M</c>, <c>512K</c>, <c>1G</c>, or a plain number of bytes (binary units).</summary>
internal static class SizeParser
{
    public static long Parse(string text, string optionName)
    {
        var trimmed = text.Trim();
        long multiplier = 1;
        if (trimmed.Length > 0 && char.IsAsciiLetter(trimmed[^1]))
        {
            multiplier = char.ToUpperInvariant(trimmed[^1]) switch
            {
                'K' => 1L << 10,
                'M' => 1L << 20,
                'G' => 1L << 30,
                _ => 0,
            };
            trimmed = trimmed[..^1];
        }

        if (multiplier == 0 || !long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > long.MaxValue / multiplier)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{optionName}: '{text}' is not a size; use a number of bytes or K, M, G (e.g. 10M)");
        }

        return value * multiplier;
    }
}
