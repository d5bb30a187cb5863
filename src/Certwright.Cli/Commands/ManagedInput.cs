using Certwright.Inventory;
using Certwright.Scanning;

namespace Certwright.Cli.Commands;

/// <summary>Checks what <c>managed add</c> is given, with the fix in each message.</summary>
internal static class ManagedInput
{
    private const int MaxNameLength = 64;

    public static string Name(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && !name.StartsWith('-')
            ? name
            : throw new CertwrightException(ErrorKind.Usage, $"managed certificate name '{Output.ConsoleTable.Sanitize(name)}' must be 1 to {MaxNameLength} letters, digits, '.', '_' or '-'");

    public static string Namespace(string? value)
    {
        if (value is null)
        {
            return SightingLocation.DefaultNamespace;
        }

        var trimmed = value.Trim();
        return trimmed.Length is > 0 and <= 253 && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw new CertwrightException(ErrorKind.Usage, "--namespace must be one line of 1 to 253 characters");
    }

    public static IReadOnlyList<string> Domains(string[] domains)
    {
        if (domains.Length == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, "give at least one --domain NAME");
        }

        var names = new List<string>();
        foreach (var domain in domains)
        {
            var trimmed = domain.Trim().TrimEnd('.').ToLowerInvariant();
            if (trimmed.Length == 0 || trimmed.Length > 253 || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                throw new CertwrightException(ErrorKind.Usage, $"--domain '{Output.ConsoleTable.Sanitize(domain)}' is not a DNS name or IP address");
            }

            if (!names.Contains(trimmed))
            {
                names.Add(trimmed);
            }
        }

        return names;
    }

    public static string? Command(string? command) =>
        command is null ? null
        : command.Trim().Length > 0 && !command.Contains('\n', StringComparison.Ordinal) ? command.Trim()
        : throw new CertwrightException(ErrorKind.Usage, "a command (--reload-cmd, --dns-hook) must be one non-empty line");

    /// <summary>Each HOST:PORT, trimmed, once it parses as a scan target (the verifier parses it again at each run).</summary>
    public static IReadOnlyList<string> Endpoints(string[] endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            ScanTarget.Parse(endpoint);
        }

        return [.. endpoints.Select(e => e.Trim())];
    }

    /// <summary>The managed certificate named <paramref name="name"/> with its state.</summary>
    /// <exception cref="CertwrightException">Usage: there is none by that name.</exception>
    public static async Task<Renewal.ManagedEntry> FindAsync(CliContext context, string name, CancellationToken cancellationToken)
    {
        var store = await context.OpenManagedStoreAsync(cancellationToken);
        return (await store.ListAsync(null, cancellationToken)).FirstOrDefault(e => e.Certificate.Name == name)
            ?? throw new CertwrightException(ErrorKind.Usage, $"no managed certificate named '{name}'; 'certwright managed list' shows them");
    }
}
