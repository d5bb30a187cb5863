using System.Globalization;
using Certwright.Policy;
using YamlDotNet.RepresentationModel;

namespace Certwright.Monitoring.Configuration.Internal;

/// <summary>
/// Typed reads of YAML nodes for one configuration file, each failure a one-line usage error naming the file,
/// the line and the key. The node model (not reflection deserialization) keeps the CLI Native AOT-safe and gives
/// every value its line.
/// </summary>
internal sealed class YamlNodes
{
    private const int MaxTextLength = 1024;

    public YamlNodes(string source)
    {
        Source = source;
    }

    /// <summary>The file name used in messages.</summary>
    public string Source { get; }

    public CertwrightException Error(YamlNode node, string message) => Error(node.Start.Line, message);

    public CertwrightException Error(long line, string message) =>
        new(ErrorKind.Usage, $"{Source} line {line.ToString(CultureInfo.InvariantCulture)}: {message}");

    /// <summary>The keys of a mapping, refusing any not in <paramref name="allowed"/> and any given twice.</summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)> Keys(YamlNode node, string what, IReadOnlyList<string> allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"{what} must be a mapping of keys ({string.Join(", ", allowed)})");
        }

        var keys = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } text } ? text : null;
            if (key is null)
            {
                throw Error(keyNode, $"{what} has a key that is not a plain name");
            }

            if (!allowed.Contains(key))
            {
                throw Error(keyNode, $"unknown key '{Printable(key)}' in {what}; expected one of {string.Join(", ", allowed)}");
            }

            if (!keys.TryAdd(key, (keyNode, value)))
            {
                throw Error(keyNode, $"key '{key}' appears twice in {what}");
            }
        }

        return keys;
    }

    /// <summary>A list; a key with no value (<c>targets:</c> and nothing under it) is an empty list.</summary>
    public IEnumerable<YamlNode> Sequence(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" })
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(node, $"'{key}' must be a list (- item per line, or [a, b])");
        }

        return sequence.Children;
    }

    public string Text(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } value })
        {
            throw Error(node, $"'{key}' must be a single value, not a list or mapping");
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            throw Error(node, $"'{key}' is empty; give a value or remove the key");
        }

        if (trimmed.Length > MaxTextLength || trimmed.Any(char.IsControl))
        {
            throw Error(node, $"'{key}' must be one line of at most {MaxTextLength} characters");
        }

        return trimmed;
    }

    /// <summary>A list of values, or one value standing for a list of one.</summary>
    public IReadOnlyList<string> TextList(YamlNode node, string key) =>
        node is YamlScalarNode ? [Text(node, key)] : Sequence(node, key).Select(n => Text(n, key)).ToArray();

    public int Integer(YamlNode node, string key, int min, int max)
    {
        var text = Text(node, key);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Error(node, $"'{key}' is '{Printable(text)}'; use a whole number from {min} to {max}");
        }

        return value;
    }

    public bool Boolean(YamlNode node, string key) => Text(node, key) switch
    {
        "true" => true,
        "false" => false,
        var text => throw Error(node, $"'{key}' is '{Printable(text)}'; use true or false"),
    };

    public TimeSpan Duration(YamlNode node, string key, TimeSpan min)
    {
        var text = Text(node, key);
        if (!DurationParser.TryParse(text, out var value) || value < min)
        {
            throw Error(node, $"'{key}' is '{Printable(text)}'; use a duration of at least {(int)min.TotalSeconds}s such as 30s, 15m, 6h, 1d");
        }

        return value;
    }

    /// <summary>A fraction: <c>0.1</c> or <c>10%</c>.</summary>
    public double Fraction(YamlNode node, string key, double max)
    {
        var text = Text(node, key);
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || (percent ? value / 100 : value) is var fraction && (fraction < 0 || fraction > max))
        {
            throw Error(node, $"'{key}' is '{Printable(text)}'; use a fraction from 0 to {max.ToString(CultureInfo.InvariantCulture)} (e.g. 0.1 or 10%)");
        }

        return fraction;
    }

    /// <summary>What a user wrote, safe to quote in a one-line message.</summary>
    public static string Printable(string text)
    {
        var shown = text.Length > 64 ? text[..64] + "..." : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
