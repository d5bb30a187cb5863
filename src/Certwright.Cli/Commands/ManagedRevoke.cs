using Certwright.Acme.Client;
using Certwright.Authority;
using Certwright.Cli.Output;
using Certwright.Renewal;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>revoke --managed NAME</c>: revokes a managed certificate's current certificate at its source. A private-CA one goes
/// through the ledger like any issued certificate (the caller does that with its fingerprint); an ACME one is revoked at
/// the ACME CA with the account key that ordered it (RFC 8555 §7.6).
/// </summary>
internal static class ManagedRevoke
{
    /// <exception cref="CertwrightException">Usage: no such managed certificate, or it has no certificate yet.</exception>
    public static async Task<ManagedEntry> FindAsync(CliContext context, string name, CancellationToken cancellationToken)
    {
        var entry = await ManagedInput.FindAsync(context, name, cancellationToken);
        return entry.State.CurrentDer is null || entry.State.CurrentSha256 is null
            ? throw new CertwrightException(ErrorKind.Usage, $"managed certificate '{name}' has no certificate yet; nothing to revoke")
            : entry;
    }

    public static async Task<int> RevokeAtAcmeCaAsync(CliContext context, ManagedEntry entry, AcmeSourceSpec spec, RevocationReason reason, bool json, CancellationToken cancellationToken)
    {
        using var sources = new AcmeSources(context.DataDirectoryPath, context.TimeProvider);
        var source = (AcmeCertificateSource)sources.Get(spec, entry.Certificate);
        await source.RevokeAsync(entry.State.CurrentDer!, (int)reason, cancellationToken);
        var managed = entry.Certificate;
        if (json)
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                JsonOutput.StartDocument(writer, "revocation");
                writer.WriteString("managed", managed.Name);
                writer.WriteString("namespace", managed.Namespace);
                writer.WriteString("acme", spec.DirectoryUrl.ToString());
                writer.WriteString("sha256", entry.State.CurrentSha256);
                writer.WriteString("reason", RevokeCommand.FormatReason(reason));
                writer.WriteEndObject();
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        await context.Out.WriteLineAsync(
            $"revoked {entry.State.CurrentSha256![..16]}… of managed certificate {managed.Name} at {spec.DirectoryUrl} ({RevokeCommand.FormatReason(reason)}); " +
            $"'certwright renew --force --namespace {managed.Namespace}' replaces it");
        return ExitCodes.Ok;
    }
}
