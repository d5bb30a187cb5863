using System.CommandLine;
using Certwright.Certificates;
using Certwright.Cli.Output;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright show FINGERPRINT|SERIAL [--json] [--pem]</c>: one certificate in full, and everywhere it was seen.</summary>
internal static class ShowCommand
{
    private static readonly Argument<string> Fingerprint = new("FINGERPRINT")
    {
        Description = "SHA-256 or SHA-1 fingerprint (or a unique prefix of at least 8 hex digits; colons allowed) or serial number",
    };

    private static readonly Option<bool> Pem = new("--pem") { Description = "Print the certificate as PEM only" };

    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("show", "Show one certificate from the inventory in full, with every place it was seen");
        command.Arguments.Add(Fingerprint);
        command.Options.Add(Pem);
        command.Options.Add(Json);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Pem) && result.GetValue(Json))
            {
                result.AddError("--pem and --json cannot be combined; choose one output");
            }
        });
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var key = parseResult.GetValue(Fingerprint)!;
        var store = await context.OpenStoreAsync(cancellationToken);
        var entry = await store.FindAsync(key, cancellationToken)
            ?? throw new CertwrightException(ErrorKind.Usage, $"no certificate in the inventory matches '{ConsoleTable.Sanitize(key)}'; see 'certwright list'");
        var der = await store.GetDerAsync(entry.Sha256, cancellationToken)
            ?? throw new CertwrightException(ErrorKind.State, $"the inventory lists {entry.Sha256} but holds no DER for it; re-import it");
        var certificate = CertificateRecord.FromDer(der);
        var sightings = await store.GetSightingsAsync(entry.Sha256, cancellationToken);
        var now = context.TimeProvider.GetUtcNow();

        if (parseResult.GetValue(Pem))
        {
            await context.Out.WriteAsync(System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", der) + "\n");
        }
        else if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using var writer = JsonOutput.CreateWriter(stdout);
            JsonOutput.StartDocument(writer, "certificate");
            CertificateJson.WriteDetail(writer, certificate);
            writer.WriteNumber("daysLeft", Policy.ExpiryPolicy.DaysLeft(certificate.NotAfter, now));
            writer.WriteStartArray("sightings");
            foreach (var sighting in sightings)
            {
                SightingJson.Write(writer, sighting);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        else
        {
            await CertificateTextWriter.WriteAsync(context.Out, certificate, now);
            await context.Out.WriteLineAsync($"Seen at ({sightings.Count}):");
            foreach (var sighting in sightings)
            {
                await context.Out.WriteLineAsync(
                    $"  {ConsoleTable.Sanitize(sighting.Location.ToString())}  position {sighting.Position}, namespace {sighting.Location.Namespace}, first {JsonOutput.FormatTime(sighting.FirstSeen)}, last {JsonOutput.FormatTime(sighting.LastSeen)}{(sighting.IsCurrentEndpointLeaf ? ", served now" : "")}");
            }
        }

        return ExitCodes.Ok;
    }
}
