using System.Globalization;
using System.Text.Json;

namespace Certwright.Cli.Tests.Infrastructure;

/// <summary>Short reads of JSON documents, failing with the property name when it is missing.</summary>
internal static class JsonAssert
{
    public static string Str(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new Xunit.Sdk.XunitException($"'{name}' is null in {element}");

    public static string? OptionalStr(this JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();

    public static int Int(this JsonElement element, string name) => element.GetProperty(name).GetInt32();

    public static bool Bool(this JsonElement element, string name) => element.GetProperty(name).GetBoolean();

    public static JsonElement[] Array(this JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray()];

    public static string[] Strings(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "(null)")];

    /// <summary>A date in the contract's format, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static DateTimeOffset Time(this JsonElement element, string name)
    {
        var text = element.Str(name);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", text);
        return DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>The contract's form of an instant: whole seconds, UTC.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Findings as (code, severity) pairs, the stable part scripts match on.</summary>
    public static (string Code, string Severity)[] Findings(this JsonElement element, string name = "findings") =>
        [.. element.Array(name).Select(f => (f.Str("code"), f.Str("severity")))];
}
