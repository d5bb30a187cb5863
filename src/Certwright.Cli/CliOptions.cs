using System.CommandLine;

namespace Certwright.Cli;

/// <summary>Options every command accepts.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Directory holding the embedded SQLite inventory and settings (env CERTWRIGHT_DATA; default ~/.local/share/certwright)",
        Recursive = true,
    };

    public static readonly Option<string?> Database = new("--database")
    {
        Description = "PostgreSQL connection URL, instead of the embedded SQLite (env CERTWRIGHT_DATABASE)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show diagnostic detail on errors",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document (with schemaVersion) instead of a table" };
}
