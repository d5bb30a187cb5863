using System.Globalization;

namespace Certwright.Bench.CertGen;

/// <summary>Minimal <c>--name value</c> parsing; unknown options are errors so typos do not go unnoticed.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new UsageException($"expected '--option value', got '{name}'");
            }

            _values[name[2..]] = e.Current;
        }
    }

    public string Required(string name) =>
        Optional(name) ?? throw new UsageException($"missing --{name}");

    public string? Optional(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public long Long(string name, long fallback, long min, long max) =>
        Parse(name, fallback, min, max, s => long.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));

    public double Double(string name, double fallback, double min, double max) =>
        Parse(name, fallback, min, max, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    public ulong Seed(string name) =>
        Optional(name) is { } s
            ? ulong.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>Call after reading every option: rejects the ones the command does not know.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }

    private T Parse<T>(string name, T fallback, T min, T max, Func<string, T> parse)
        where T : IComparable<T>
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        T value;
        try
        {
            value = parse(text);
        }
        catch (FormatException)
        {
            throw new UsageException($"--{name} '{text}' is not a number");
        }

        return value.CompareTo(min) < 0 || value.CompareTo(max) > 0
            ? throw new UsageException($"--{name} {text} is out of range [{min}, {max}]")
            : value;
    }
}

internal sealed class UsageException(string message) : Exception(message);
