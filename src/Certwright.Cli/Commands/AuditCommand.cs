using System.CommandLine;
using System.Globalization;
using System.Text;
using Certwright.Cli.Output;
using Certwright.Monitoring;
using Certwright.Monitoring.Audit;
using Certwright.Policy;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright audit [--json | --format text|json|html|csv] [--namespace NS] [--config F] [--out FILE]</c>: every
/// current finding, grouped by namespace and owner. Exit 0 without critical findings, 2 with any, 1 on error.
/// </summary>
internal static class AuditCommand
{
    private static readonly Option<bool> Json = CliOptions.Json();
    private static readonly Option<string?> Format = new("--format") { Description = "Output format: text (default), json, html (one self-contained page) or csv" };
    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Only findings of this namespace" };
    private static readonly Option<string?> Config = TargetOptions.Config();
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Write the report to this file (atomically) instead of standard output" };

    public static Command Create()
    {
        var command = new Command("audit", "Report every current finding of monitored endpoints and certificates found in files, by namespace and owner");
        foreach (var option in new Option[] { Json, Format, Namespace, Config, Out })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var format = result.GetValue(Format);
            if (format is not null && format is not ("text" or "json" or "html" or "csv"))
            {
                result.AddError($"--format '{format}': use text, json, html or csv");
            }
            else if (result.GetValue(Json) && format is not (null or "json"))
            {
                result.AddError($"--json and --format {format} cannot be combined; choose one output");
            }
        });
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var format = parseResult.GetValue(Json) ? "json" : parseResult.GetValue(Format) ?? "text";
        var configuration = await context.LoadConfigurationAsync(parseResult.GetValue(Config), cancellationToken);
        var monitor = await context.OpenMonitorStoreAsync(cancellationToken);
        var inventory = await context.OpenStoreAsync(cancellationToken);
        var targets = MonitorPlan.MergeTargets(configuration.Targets, await monitor.ListTargetsAsync(cancellationToken));
        var builder = new AuditBuilder(monitor, inventory, context.TimeProvider)
        {
            CertificateFindings = AuditPolicy.Evaluator(configuration.Defaults.CertificatePolicy),
        };
        var report = await builder.BuildAsync(
            new AuditOptions
            {
                Targets = targets,
                Directories = configuration.Directories,
                Namespace = parseResult.GetValue(Namespace),
                FileThresholds = configuration.Defaults.Thresholds,
            },
            cancellationToken);
        var exitCode = report.Worst == Severity.Critical ? ExitCodes.NagiosCritical : ExitCodes.Ok;
        if (parseResult.GetValue(Out) is { } path)
        {
            var full = Path.GetFullPath(path);
            var temporary = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            try
            {
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                {
                    await WriteAsync(file, format, report, exitCode, cancellationToken);
                }

                File.Move(temporary, full, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(temporary);
                throw new CertwrightException(ErrorKind.Usage, $"cannot write --out '{path}': {e.Message.TrimEnd('.')}; check the directory and its permissions", e);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"audit: {report.Rows.Count()} findings ({report.Count(Severity.Critical)} critical) written to {full}"));
        }
        else
        {
            await using var stdout = Console.OpenStandardOutput();
            await WriteAsync(stdout, format, report, exitCode, cancellationToken);
        }

        return exitCode;
    }

    private static async Task WriteAsync(Stream stream, string format, AuditReport report, int exitCode, CancellationToken cancellationToken)
    {
        if (format == "json")
        {
            await using (var writer = JsonOutput.CreateWriter(stream))
            {
                AuditJsonWriter.Write(writer, report, exitCode);
            }

            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return;
        }

        await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        switch (format)
        {
            case "csv":
                await AuditCsvWriter.WriteAsync(text, report);
                break;
            case "html":
                await AuditHtmlWriter.WriteAsync(text, report);
                break;
            default:
                await AuditTextWriter.WriteAsync(text, report);
                break;
        }

        await text.FlushAsync(cancellationToken);
    }
}
