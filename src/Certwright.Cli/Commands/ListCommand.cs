using System.CommandLine;
using System.Globalization;
using Certwright.Cli.Output;
using Certwright.Inventory;
using Certwright.Policy;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright list [--expiring-within 30d] [--namespace NS] [--limit N] [--json]</c>.</summary>
internal static class ListCommand
{
    private static readonly Option<string?> ExpiringWithin = new("--expiring-within")
    {
        Description = "Only certificates that expire within this time (e.g. 30d, 12h, 2w), already expired ones included",
    };

    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Only certificates seen in this namespace" };

    private static readonly Option<int?> Limit = new("--limit") { Description = "At most this many certificates" };

    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("list", "List the certificates in the inventory, soonest expiry first");
        command.Options.Add(ExpiringWithin);
        command.Options.Add(Namespace);
        command.Options.Add(Limit);
        command.Options.Add(Json);
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var within = parseResult.GetValue(ExpiringWithin) is { } text ? DurationParser.Parse(text, "--expiring-within") : (TimeSpan?)null;
        var limit = parseResult.GetValue(Limit);
        if (limit is < 1)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--limit must be at least 1 (got {limit})");
        }

        var now = context.TimeProvider.GetUtcNow();
        var query = new InventoryQuery
        {
            ExpiringBefore = within is null ? null : now + within.Value,
            Namespace = parseResult.GetValue(Namespace),
            Limit = limit,
        };
        var store = await context.OpenStoreAsync(cancellationToken);
        var entries = store.ListAsync(query, cancellationToken);
        var soon = within ?? ExpiryThresholds.Default.Warning;
        if (parseResult.GetValue(Json))
        {
            await WriteJsonAsync(entries, query, now, soon, cancellationToken);
        }
        else
        {
            await WriteTableAsync(context.Out, entries, now, soon);
        }

        return ExitCodes.Ok;
    }

    private static async Task WriteJsonAsync(IAsyncEnumerable<InventoryEntry> entries, InventoryQuery query, DateTimeOffset now, TimeSpan soon, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        await using var writer = JsonOutput.CreateWriter(stdout);
        JsonOutput.StartDocument(writer, "certificate-list");
        JsonOutput.WriteTime(writer, "generatedAt", now);
        writer.WriteStartObject("query");
        if (query.ExpiringBefore is { } before)
        {
            JsonOutput.WriteTime(writer, "expiringBefore", before);
        }

        if (query.Namespace is { } ns)
        {
            writer.WriteString("namespace", ns);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("certificates");
        var count = 0;
        await foreach (var entry in entries)
        {
            writer.WriteStartObject();
            InventoryEntryJson.Write(writer, entry, now, soon);
            writer.WriteEndObject();
            if (++count % 256 == 0 && writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("count", count);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static async Task WriteTableAsync(TextWriter output, IAsyncEnumerable<InventoryEntry> entries, DateTimeOffset now, TimeSpan soon)
    {
        var table = new ConsoleTable("NOT AFTER", "DAYS", "STATUS", "SUBJECT", "KEY", "SHA-256", "SEEN AT");
        await foreach (var entry in entries)
        {
            table.Add(
                JsonOutput.FormatTime(entry.NotAfter)[..10],
                ExpiryPolicy.DaysLeft(entry.NotAfter, now).ToString(CultureInfo.InvariantCulture),
                CertificateStatus.Of(entry.NotBefore, entry.NotAfter, now, soon),
                Display.Name(entry.CommonName, entry.Subject),
                entry.KeyDescription,
                entry.Sha256[..16],
                entry.SightingCount > 1 ? $"{entry.FirstLocation} (+{entry.SightingCount - 1} more)" : entry.FirstLocation);
        }

        if (table.RowCount == 0)
        {
            await output.WriteLineAsync("No certificates match.");
            return;
        }

        table.Write(output);
        await output.WriteLineAsync($"{table.RowCount} certificate(s)");
    }
}
