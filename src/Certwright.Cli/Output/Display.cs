namespace Certwright.Cli.Output;

/// <summary>Short forms for tables.</summary>
internal static class Display
{
    /// <summary>The common name when there is one, else the whole subject, else a marker.</summary>
    public static string Name(string? commonName, string subject) =>
        !string.IsNullOrEmpty(commonName) ? commonName
        : subject.Length > 0 ? subject
        : "(empty subject)";
}
