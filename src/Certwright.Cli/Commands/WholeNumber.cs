using System.CommandLine.Parsing;
using System.Globalization;

namespace Certwright.Cli.Commands;

/// <summary>
/// Parses whole-number option values with a message people understand; System.CommandLine's own names the CLR
/// type (<c>System.Nullable`1[System.Int32]</c>).
/// </summary>
internal static class WholeNumber
{
    public static int Parse(ArgumentResult result) => ParseOrNull(result) ?? 0;

    public static int? ParseOrNull(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[^1].Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : "argument";
        result.AddError($"{name} '{text}': expected a whole number");
        return null;
    }
}
