using System.CommandLine;
using System.Globalization;
using Certwright.Certificates;
using Certwright.Cli.Output;
using Certwright.Validation;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright verify CERT [--chain PEM] [--ca-file PEM] [--host NAME] [--purpose server|client|any] [--at TIME] [--password-file F] [--json]</c>:
/// offline path validation, as <c>openssl verify</c> (exit 0 valid, 2 invalid, 1 unreadable input).
/// </summary>
internal static class VerifyCommand
{
    private static readonly Argument<string> Certificate = new("CERT")
    {
        Description = "The certificate to validate (any format); further certificates in the same file are used as the presented chain",
    };

    private static readonly Option<string[]> Chain = new("--chain", "--untrusted") { Description = "File of intermediate certificates to build the path with (repeatable)" };

    private static readonly Option<string?> CaFile = new("--ca-file", "--CAfile") { Description = "Trust only the CA certificates in this file (default: the system trust store)" };

    private static readonly Option<string?> Host = new("--host") { Description = "DNS name or IP address the certificate must be valid for (subjectAltName only, never the CN)" };

    private static readonly Option<string> Purpose = new("--purpose")
    {
        Description = "What the certificate must be good for: server, client or any",
        DefaultValueFactory = _ => "any",
    };

    private static readonly Option<string?> At = new("--at") { Description = "Validate at this time (ISO 8601, e.g. 2027-01-31T00:00:00Z, or @UNIXSECONDS) instead of now" };

    private static readonly Option<string?> PasswordFile = KeystorePasswords.CreateOption();

    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("verify", "Validate a certificate chain offline (path building, trust, names, purpose, validity), like openssl verify");
        command.Arguments.Add(Certificate);
        foreach (var option in new Option[] { Chain, CaFile, Host, Purpose, At, PasswordFile, Json })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetValue(Certificate)!;
        var purpose = ParsePurpose(parseResult.GetValue(Purpose)!);
        var at = parseResult.GetValue(At) is { } atText ? ParseTime(atText) : context.TimeProvider.GetUtcNow();
        var reader = new CertificateContainerReader(await KeystorePasswords.ReadAsync(parseResult, PasswordFile, cancellationToken));
        var certificates = await ReadCertificatesAsync(reader, path, cancellationToken);
        var intermediates = certificates.Skip(1).Select(c => c.Der).ToList();
        foreach (var chainFile in parseResult.GetValue(Chain) ?? [])
        {
            intermediates.AddRange((await ReadCertificatesAsync(reader, chainFile, cancellationToken)).Select(c => c.Der));
        }

        var trustStore = parseResult.GetValue(CaFile) is { } caFile
            ? await TrustStore.LoadFileAsync(caFile, cancellationToken)
            : await TrustStore.LoadSystemAsync(cancellationToken);
        var result = new ChainValidator().Validate(new ChainValidationRequest
        {
            Target = certificates[0].Der,
            Intermediates = intermediates,
            TrustStore = trustStore,
            ValidationTime = at,
            ExpectedHost = parseResult.GetValue(Host),
            Purpose = purpose,
        });

        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using var writer = JsonOutput.CreateWriter(stdout);
            VerifyJsonWriter.Write(writer, path, certificates[0], result, at);
            await writer.FlushAsync(cancellationToken);
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        else
        {
            await WriteTextAsync(context.Out, path, result);
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    private static async Task WriteTextAsync(TextWriter output, string path, ChainValidationResult result)
    {
        await output.WriteLineAsync($"{ConsoleTable.Sanitize(path)}: {(result.IsValid ? "OK" : "INVALID")}");
        for (var i = 0; i < result.Path.Count; i++)
        {
            var element = result.Path[i];
            var role = element.IsTrustAnchor ? "trust anchor" : i == 0 ? "certificate" : "intermediate";
            await output.WriteLineAsync($"  depth {i}: {ConsoleTable.Sanitize(element.Subject)}  ({role}, until {JsonOutput.FormatTime(element.NotAfter)}, sha256 {element.Sha256[..16]})");
        }

        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync($"  {ConsoleTable.Sanitize(error.ToString())}");
        }
    }

    private static async Task<IReadOnlyList<CertificateRecord>> ReadCertificatesAsync(CertificateContainerReader reader, string path, CancellationToken cancellationToken)
    {
        var read = await reader.ReadFileAsync(path, cancellationToken: cancellationToken);
        if (read.Certificates.Count == 0)
        {
            var reason = read.Problems.FirstOrDefault()?.Message ?? $"{path}: no certificate found";
            throw new CertwrightException(ErrorKind.Usage, reason);
        }

        return read.Certificates.Select(c => c.Certificate).ToArray();
    }

    private static ValidationPurpose ParsePurpose(string text) => text.ToLowerInvariant() switch
    {
        "server" or "sslserver" => ValidationPurpose.Server,
        "client" or "sslclient" => ValidationPurpose.Client,
        "any" => ValidationPurpose.Any,
        _ => throw new CertwrightException(ErrorKind.Usage, $"--purpose: '{text}' is not a purpose; use server, client or any"),
    };

    internal static DateTimeOffset ParseTime(string text)
    {
        if (text.StartsWith('@') && long.TryParse(text.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        throw new CertwrightException(ErrorKind.Usage, $"--at: '{text}' is not a time; use ISO 8601 (2027-01-31T00:00:00Z) or @UNIXSECONDS");
    }
}
