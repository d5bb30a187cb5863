using System.CommandLine;
using System.Security.Cryptography;
using Certwright.Authority;
using Certwright.Internal;
using Certwright.Keys;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright issue</c>: one certificate from <c>--cn/--san</c> (key generated) or <c>--csr</c>, written as PREFIX.crt (leaf then
/// chain, root excluded) and PREFIX.key; or a batch from <c>--csr-dir</c> into <c>--out-dir</c>. Every certificate is in the
/// ledger before any file naming it is written.
/// </summary>
internal static class IssueCommand
{
    internal static readonly Option<string> Ca = new("--ca") { Description = "The issuing CA's name", Required = true };
    internal static readonly Option<string> Profile = new("--profile") { Description = "server, client, server-client, short-lived, or a profile from certwright.yaml's 'profiles:'", Required = true };
    private static readonly Option<string?> Config = new("--config") { Description = "Configuration file whose 'profiles:' section defines profiles (default: certwright.yaml in the data directory, if present)" };
    private static readonly Option<string?> CommonName = new("--cn") { Description = "Subject common name (also the SAN when no --san is given)" };
    private static readonly Option<string[]> Sans = new("--san") { Description = "Subject alternative name: dns:NAME, ip:ADDR, uri:URI, email:ADDR, or bare (repeatable)" };
    private static readonly Option<string?> Csr = new("--csr") { Description = "Sign this PKCS#10 request (PEM or DER) instead of generating a key" };
    private static readonly Option<string> KeyType = new("--key-type") { Description = $"Key to generate: {KeyTypes.NameList}", DefaultValueFactory = _ => "ec-p256" };
    private static readonly Option<string?> Validity = new("--validity") { Description = "Validity such as 90d, 24h (default: the profile's)" };
    private static readonly Option<string?> Out = new("--out") { Description = "Write PREFIX.crt (leaf and chain) and PREFIX.key" };
    private static readonly Option<string?> P12 = new("--p12") { Description = "Also write a PKCS#12 file with the key and chain (needs --p12-password-file)" };
    private static readonly Option<string?> P12PasswordFile = new("--p12-password-file") { Description = "File whose first line encrypts the PKCS#12 file" };
    internal static readonly Option<string?> CsrDir = new("--csr-dir") { Description = "Batch: issue every *.csr and *.pem in this directory in parallel" };
    internal static readonly Option<string?> OutDir = new("--out-dir") { Description = "Batch: write OUT/NAME.crt for each CSR" };
    internal static readonly Option<string?> PassphraseFile = new("--key-passphrase-file") { Description = $"File whose first line decrypts the CA key file (else env {KeyPassphrase.EnvironmentVariable})" };
    internal static readonly Option<string?> PinFile = new("--pkcs11-pin-file") { Description = "PIN file of the HSM token, for a CA whose key lives in one" };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("issue", "Issue a certificate from the private CA (key generated, or from a CSR)");
        foreach (var option in new Option[] { Ca, Profile, Config, CommonName, Sans, Csr, KeyType, Validity, Out, P12, P12PasswordFile, CsrDir, OutDir, PassphraseFile, PinFile, Json })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var profile = await ResolveProfileAsync(context, parseResult, cancellationToken);
        var validity = parseResult.GetValue(Validity) is { } v ? ValidityText.Parse(v) : (TimeSpan?)null;
        if (parseResult.GetValue(CsrDir) is not null)
        {
            return await IssueBatch.RunAsync(context, parseResult, profile, validity, cancellationToken);
        }

        var request = await RequestAsync(parseResult, profile, validity, cancellationToken);
        var prefix = parseResult.GetValue(Out) ?? throw new CertwrightException(ErrorKind.Usage, "give --out PREFIX (writes PREFIX.crt and PREFIX.key)");
        var p12 = parseResult.GetValue(P12);
        var p12Password = p12 is null ? null : await P12PasswordAsync(parseResult, cancellationToken);
        if (p12 is not null && request.Csr is not null)
        {
            throw new CertwrightException(ErrorKind.Usage, "--p12 needs the private key, which a CSR does not give; omit --p12 or --csr");
        }

        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var record = await CaLedger.FindAsync(store, parseResult.GetValue(Ca)!, cancellationToken);
        await using var keys = CaKeys.From(parseResult, PassphraseFile, PinFile, context.TimeProvider);
        using var authority = await keys.OpenAsync(record, cancellationToken);
        var result = await new CertificateIssuer(authority, store, context.TimeProvider).IssueAsync(request, cancellationToken);
        try
        {
            var chain = string.Concat(new[] { result.Certificate.Der }.Concat(result.Chain.Take(result.Chain.Count - 1)).Select(CaLedger.Pem));
            await AtomicFile.WriteAsync(prefix + ".crt", System.Text.Encoding.ASCII.GetBytes(chain), unixMode: null, overwrite: true, cancellationToken);
            if (result.PrivateKeyPkcs8 is { } key)
            {
                var pem = System.Text.Encoding.ASCII.GetBytes(new string(PemEncoding.Write("PRIVATE KEY", key)) + "\n");
                try
                {
                    await AtomicFile.WriteAsync(prefix + ".key", pem, UnixFileMode.UserRead | UnixFileMode.UserWrite, overwrite: true, cancellationToken);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(pem);
                }

                if (p12 is not null)
                {
                    await AtomicFile.WriteAsync(p12, IssuePkcs12.Build(result, p12Password!), UnixFileMode.UserRead | UnixFileMode.UserWrite, overwrite: true, cancellationToken);
                }
            }
        }
        finally
        {
            if (result.PrivateKeyPkcs8 is { } key)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        await IssueOutput.WriteAsync(context, parseResult.GetValue(Json), result.Certificate, prefix, cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The --profile: from the 'profiles:' section of --config (else DATA/certwright.yaml, when present), which may override a
    /// built-in profile, else built in.
    /// </summary>
    private static async Task<CertificateProfile> ResolveProfileAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var configuration = await context.LoadConfigurationAsync(parseResult.GetValue(Config), cancellationToken);
        return CertificateProfiles.Get(parseResult.GetValue(Profile)!, configuration.Profiles);
    }

    private static async Task<IssuanceRequest> RequestAsync(ParseResult parseResult, CertificateProfile profile, TimeSpan? validity, CancellationToken cancellationToken)
    {
        var csrPath = parseResult.GetValue(Csr);
        var commonName = parseResult.GetValue(CommonName);
        var sans = parseResult.GetValue(Sans) ?? [];
        if (csrPath is not null)
        {
            if (commonName is not null || sans.Length > 0)
            {
                throw new CertwrightException(ErrorKind.Usage, "give either --csr or --cn/--san, not both: the CSR names its own subject and SANs");
            }

            var csr = await BoundedFile.ReadAllBytesAsync(csrPath, CsrReader.MaximumBytes, "CSR", cancellationToken);
            return new IssuanceRequest(profile) { Csr = csr, CsrSource = $"'{csrPath}'", Validity = validity };
        }

        if (commonName is null && sans.Length == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, "give --cn CN and/or --san NAME, or --csr FILE");
        }

        return new IssuanceRequest(profile)
        {
            CommonName = commonName,
            SubjectAltNames = [.. sans.Select(SubjectAltName.Parse)],
            KeyType = KeyTypes.Parse(parseResult.GetValue(KeyType)),
            Validity = validity,
        };
    }

    private static async Task<string> P12PasswordAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(P12PasswordFile) ?? throw new CertwrightException(ErrorKind.Usage, "--p12 needs --p12-password-file FILE");
        var bytes = await BoundedFile.ReadAllBytesAsync(file, 4096, "PKCS#12 password file", cancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(bytes).Split('\n')[0].TrimEnd('\r');
        CryptographicOperations.ZeroMemory(bytes);
        return text.Length > 0 ? text : throw new CertwrightException(ErrorKind.Usage, $"PKCS#12 password file '{file}' is empty; put the password on its first line");
    }
}
