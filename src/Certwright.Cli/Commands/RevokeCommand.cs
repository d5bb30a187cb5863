using System.CommandLine;
using Certwright.Authority;
using Certwright.Cli.Output;
using Certwright.Renewal;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright revoke SERIAL|FINGERPRINT [--reason R] [--ca NAME]</c>: durable in the ledger before it says "revoked".</summary>
internal static class RevokeCommand
{
    private static readonly Argument<string?> Certificate = new("SERIAL|FINGERPRINT") { Description = "Serial number (hex, colons allowed) or SHA-256 fingerprint of an issued certificate", Arity = ArgumentArity.ZeroOrOne };
    private const string ReasonNames = "unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, certificateHold, privilegeWithdrawn or aACompromise";

    private static readonly Option<string> Reason = new("--reason") { Description = $"RFC 5280 reason (any case): {ReasonNames}", DefaultValueFactory = _ => "unspecified" };
    private static readonly Option<string?> Managed = new("--managed") { Description = "Revoke the current certificate of this managed certificate instead (private CA or ACME CA)" };
    private static readonly Option<string?> Ca = new("--ca") { Description = "The CA that issued it, when a serial matches certificates of several CAs" };
    private static readonly Option<string?> PassphraseFile = new("--key-passphrase-file") { Description = $"File whose first line decrypts the CA key file, to publish the new CRL at once (else env {Keys.KeyPassphrase.EnvironmentVariable})" };
    private static readonly Option<string?> PinFile = new("--pkcs11-pin-file") { Description = "PIN file of the HSM token, to publish the new CRL at once for a CA whose key lives in one" };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("revoke", "Revoke a certificate issued by the private CA (CRL and OCSP then report it), or a managed certificate's at its CA");
        command.Arguments.Add(Certificate);
        command.Options.Add(Reason);
        command.Options.Add(Managed);
        command.Options.Add(Ca);
        command.Options.Add(PassphraseFile);
        command.Options.Add(PinFile);
        command.Options.Add(Json);
        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    internal static RevocationReason ParseReason(string text)
    {
        foreach (var reason in Enum.GetValues<RevocationReason>())
        {
            if (string.Equals(reason.ToString(), text, StringComparison.OrdinalIgnoreCase) && reason != RevocationReason.RemoveFromCrl)
            {
                return reason;
            }
        }

        throw new CertwrightException(ErrorKind.Usage, $"unknown revocation reason '{text}'; use one of {ReasonNames} (RFC 5280, any case)");
    }

    internal static string FormatReason(RevocationReason reason)
    {
        var name = reason.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var reason = ParseReason(parseResult.GetValue(Reason)!);
        var text = parseResult.GetValue(Certificate);
        if (parseResult.GetValue(Managed) is { } name)
        {
            if (text is not null)
            {
                throw new CertwrightException(ErrorKind.Usage, "give SERIAL|FINGERPRINT or --managed NAME, not both");
            }

            var entry = await ManagedRevoke.FindAsync(context, name, cancellationToken);
            if (entry.Certificate.Source is AcmeSourceSpec acme)
            {
                return await ManagedRevoke.RevokeAtAcmeCaAsync(context, entry, acme, reason, parseResult.GetValue(Json), cancellationToken);
            }

            // A private-CA certificate is in the ledger under its fingerprint: revoked there like any other.
            text = entry.State.CurrentSha256!;
        }

        if (text is null)
        {
            throw new CertwrightException(ErrorKind.Usage, "give the SERIAL or FINGERPRINT of the certificate to revoke, or --managed NAME");
        }

        var ca = parseResult.GetValue(Ca);
        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var matches = (await store.FindIssuedAsync(text, cancellationToken)).Where(c => ca is null || c.Authority == ca).ToList();
        if (matches.Count == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"no certificate with serial or fingerprint '{text}'{(ca is null ? "" : $" from CA '{ca}'")}; check the value (openssl x509 -noout -serial)");
        }

        if (matches.Count > 1)
        {
            throw new CertwrightException(ErrorKind.Usage, $"'{text}' matches {matches.Count} certificates (CAs {string.Join(", ", matches.Select(m => m.Authority).Distinct())}); give --ca NAME");
        }

        var issued = matches[0];
        var now = context.TimeProvider.GetUtcNow();
        var revoked = await store.RevokeAsync(issued.Authority, issued.Serial, now, reason, cancellationToken);
        var serial = SerialNumbers.ToHex(issued.Serial);
        await using var keys = CaKeys.From(parseResult, PassphraseFile, PinFile, context.TimeProvider);
        var dataDirectory = DataDirectory.Resolve(parseResult.GetValue(CliOptions.Data));
        if (parseResult.GetValue(Json))
        {
            var crl = revoked ? await RevokeCrl.PublishAsync(store, issued.Authority, keys, dataDirectory, context.TimeProvider, cancellationToken) : null;
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                JsonOutput.StartDocument(writer, "revocation");
                writer.WriteString("ca", issued.Authority);
                writer.WriteString("serial", serial);
                writer.WriteString("sha256", issued.Sha256);
                writer.WriteString("subject", issued.Subject);
                writer.WriteBoolean("alreadyRevoked", !revoked);
                if (revoked)
                {
                    writer.WriteString("reason", FormatReason(reason));
                    JsonOutput.WriteTime(writer, "revokedAt", now);
                    writer.WriteStartObject("crl");
                    writer.WriteBoolean("published", crl!.Number is not null);
                    if (crl.Number is { } number)
                    {
                        writer.WriteNumber("number", number);
                        writer.WriteString("path", crl.Path);
                    }
                    else
                    {
                        writer.WriteString("message", crl.Message);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        if (!revoked)
        {
            await context.Out.WriteLineAsync($"serial {serial} of CA {issued.Authority} was already revoked; the first revocation stands");
            return ExitCodes.Ok;
        }

        // Said before the CRL is signed: the revocation stands whatever happens to the CRL.
        await context.Out.WriteLineAsync($"revoked serial {serial} '{ConsoleTable.Sanitize(issued.Subject)}' of CA {issued.Authority} ({FormatReason(reason)})");
        await context.Out.FlushAsync(cancellationToken);
        var outcome = await RevokeCrl.PublishAsync(store, issued.Authority, keys, dataDirectory, context.TimeProvider, cancellationToken);
        await (outcome.Failed ? Console.Error : context.Out).WriteLineAsync(ConsoleTable.Sanitize(outcome.Message));
        return ExitCodes.Ok;
    }
}
