using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
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

    private static readonly Option<int?> Limit = new("--limit") { Description = "At most this many certificates", CustomParser = WholeNumber.ParseOrNull };

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
        var soon = within ?? ExpiryThresholds.Default.Warning;
        if (parseResult.GetValue(Json))
        {
            using var rows = await store.OpenListAsync(query, cancellationToken);
            WriteJson(rows, query, now, soon);
        }
        else
        {
            await WriteTableAsync(context.Out, store.ListAsync(query, cancellationToken), now, soon);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// One compact JSON document, rows formatted straight from the store's bytes (a million-certificate
    /// inventory lists tens of thousands of rows; indentation alone was a third of the output). Synchronous:
    /// rows come from SQLite and stdout writes block anyway.
    /// </summary>
    private static void WriteJson(IInventoryEntryReader rows, InventoryQuery query, DateTimeOffset now, TimeSpan soon)
    {
        const int FlushAt = 256 * 1024;
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
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
        writer.Flush();

        // The rows go to stdout between the writer's "[" and "]", commas and all; the writer only sees an empty array.
        var buffer = new ArrayBufferWriter<byte>(FlushAt + (64 * 1024));
        var count = 0;
        while (rows.Read())
        {
            if (count++ > 0)
            {
                buffer.GetSpan(1)[0] = (byte)',';
                buffer.Advance(1);
            }

            InventoryEntryJson.WriteUtf8(buffer, rows, now, soon);
            if (buffer.WrittenCount > FlushAt)
            {
                stdout.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        stdout.Write(buffer.WrittenSpan);
        writer.WriteEndArray();
        writer.WriteNumber("count", count);
        writer.WriteEndObject();
        writer.Flush();
        stdout.Write("\n"u8);
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
