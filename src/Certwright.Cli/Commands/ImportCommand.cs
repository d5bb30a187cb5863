using System.CommandLine;
using System.Globalization;
using Certwright.Cli.Output;
using Certwright.Discovery;
using Certwright.Inventory;
using Certwright.Policy;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright import PATH... [--password-file F] [--namespace NS] [--include G] [--exclude G] [--max-file-size S] [--json]</c>.</summary>
internal static class ImportCommand
{
    /// <summary>Problems listed in the human summary; <c>--json</c> has them all.</summary>
    private const int ProblemsShown = 20;

    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "Files and directories to search (PEM, DER, PKCS#7, PKCS#12, JKS/JCEKS; recognised by content)",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> PasswordFile = KeystorePasswords.CreateOption();

    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Namespace the found locations belong to (default: default)" };

    private static readonly Option<string[]> Include = new("--include") { Description = "Only files matching this glob (repeatable; e.g. '*.pem')" };

    private static readonly Option<string[]> Exclude = new("--exclude") { Description = "Skip files and directories matching this glob (repeatable; .git and node_modules are always skipped)" };

    private static readonly Option<string?> MaxFileSize = new("--max-file-size") { Description = "Skip files larger than this (default 10M)" };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Find and parse everything, record nothing (no data directory is opened)" };

    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("import", "Find certificates in files and directories and record them in the inventory");
        command.Arguments.Add(Paths);
        command.Options.Add(PasswordFile);
        command.Options.Add(Namespace);
        command.Options.Add(Include);
        command.Options.Add(Exclude);
        command.Options.Add(MaxFileSize);
        command.Options.Add(DryRun);
        command.Options.Add(Json);
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = new DiscoveryOptions { Passwords = await KeystorePasswords.ReadAsync(parseResult, PasswordFile, cancellationToken) };
        foreach (var glob in parseResult.GetValue(Include) ?? [])
        {
            options.Include.Add(glob);
        }

        foreach (var glob in parseResult.GetValue(Exclude) ?? [])
        {
            options.Exclude.Add(glob);
        }

        if (parseResult.GetValue(MaxFileSize) is { } size)
        {
            options.MaxFileSize = SizeParser.Parse(size, "--max-file-size");
        }

        var discovery = new CertificateDiscovery(options);
        var paths = parseResult.GetValue(Paths) ?? [];
        var dryRun = parseResult.GetValue(DryRun);
        ImportSummary summary;
        if (dryRun)
        {
            summary = await ImportPreview.RunAsync(discovery, paths, cancellationToken);
        }
        else
        {
            // Disposed before the summary is printed: a first import's inventory only appears when it is closed.
            await using var store = await context.OpenImportStoreAsync(cancellationToken);
            var importer = new CertificateImporter(discovery, store, context.TimeProvider);
            summary = await importer.ImportAsync(paths, parseResult.GetValue(Namespace) ?? SightingLocation.DefaultNamespace, cancellationToken);
            await store.DisposeAsync();
        }

        if (parseResult.GetValue(Json))
        {
            await WriteJsonAsync(summary, dryRun, cancellationToken);
        }
        else
        {
            await WriteTextAsync(context.Out, summary, dryRun);
        }

        // Whatever was readable is recorded; unreadable input still makes the run fail so scripts notice.
        // Informational notes (a dangling symlink, a tree deeper than --max-depth) do not fail a cron run.
        return summary.Problems.Any(p => p.Severity >= Severity.Warning) ? ExitCodes.Error : ExitCodes.Ok;
    }

    private static async Task WriteTextAsync(TextWriter output, ImportSummary summary, bool dryRun)
    {
        var recorded = summary.Recorded;
        var rate = summary.Duration.TotalSeconds > 0 ? summary.CertificatesFound / summary.Duration.TotalSeconds : 0;
        await output.WriteLineAsync(dryRun
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Found {summary.CertificatesFound} certificate(s) ({recorded.NewCertificates} distinct) in {summary.Files} file(s) in {summary.Duration.TotalSeconds:0.00} s ({rate:0}/s); dry run, nothing recorded.")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Imported {summary.CertificatesFound} certificate(s) from {summary.Files} file(s) in {summary.Duration.TotalSeconds:0.00} s ({rate:0}/s): {recorded.NewCertificates} new, {recorded.KnownCertificates} already known or repeated; {recorded.NewSightings} new location(s)."));
        if (summary.Problems.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync($"{summary.Problems.Count} problem(s):");
        foreach (var problem in summary.Problems.Take(ProblemsShown))
        {
            await output.WriteLineAsync($"  {problem.Code}: {ConsoleTable.Sanitize(problem.Message)}");
        }

        if (summary.Problems.Count > ProblemsShown)
        {
            await output.WriteLineAsync($"  ... and {summary.Problems.Count - ProblemsShown} more (use --json to see all)");
        }
    }

    private static async Task WriteJsonAsync(ImportSummary summary, bool dryRun, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        await using var writer = JsonOutput.CreateWriter(stdout);
        JsonOutput.StartDocument(writer, "import-summary");
        writer.WriteBoolean("dryRun", dryRun);
        writer.WriteNumber("files", summary.Files);
        writer.WriteNumber("certificatesFound", summary.CertificatesFound);
        writer.WriteNumber("newCertificates", summary.Recorded.NewCertificates);
        writer.WriteNumber("knownCertificates", summary.Recorded.KnownCertificates);
        writer.WriteNumber("newLocations", summary.Recorded.NewSightings);
        writer.WriteNumber("updatedLocations", summary.Recorded.UpdatedSightings);
        writer.WriteNumber("durationSeconds", Math.Round(summary.Duration.TotalSeconds, 3));
        writer.WriteStartArray("problems");
        foreach (var problem in summary.Problems)
        {
            FindingJson.Write(writer, problem);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
