using Certwright.Authority;
using Certwright.Cli.Output;

namespace Certwright.Cli.Commands;

/// <summary>What <c>issue</c> prints: one line, or the <c>--json</c> document (kind "issued").</summary>
internal static class IssueOutput
{
    public static async Task WriteAsync(CliContext context, bool json, IssuedCertificate issued, string prefix, CancellationToken cancellationToken)
    {
        if (json)
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                JsonOutput.StartDocument(writer, "issued");
                writer.WriteString("ca", issued.Authority);
                writer.WriteString("profile", issued.Profile);
                writer.WriteString("serial", SerialNumbers.ToHex(issued.Serial));
                writer.WriteString("sha256", issued.Sha256);
                writer.WriteString("subject", issued.Subject);
                JsonOutput.WriteTime(writer, "notBefore", issued.NotBefore);
                JsonOutput.WriteTime(writer, "notAfter", issued.NotAfter);
                writer.WriteString("certificateFile", prefix + ".crt");
                writer.WriteEndObject();
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return;
        }

        await context.Out.WriteLineAsync(
            $"issued serial {SerialNumbers.ToHex(issued.Serial)} '{ConsoleTable.Sanitize(issued.Subject)}' ({issued.Profile}, CA {issued.Authority}) valid until {JsonOutput.FormatTime(issued.NotAfter)}: {ConsoleTable.Sanitize(prefix)}.crt");
    }
}
