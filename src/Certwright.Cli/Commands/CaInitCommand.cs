using System.CommandLine;
using System.Net;
using Certwright.Authority;
using Certwright.Cli.Output;
using Certwright.Keys;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright ca init NAME</c>: a root and an issuing intermediate, keys in encrypted files or an HSM.</summary>
internal static class CaInitCommand
{
    private static readonly Argument<string> Name = new("NAME") { Description = "The CA's name: lowercase letters, digits and '-'" };
    private static readonly Option<string> KeyType = new("--key-type") { Description = $"CA key algorithm: {KeyTypes.NameList}", DefaultValueFactory = _ => "ec-p256" };
    private static readonly Option<string?> PublicUrl = new("--public-url") { Description = "Base URL of 'certwright serve' put into issued certificates (AIA OCSP and caIssuers, CRL DP)" };
    private static readonly Option<string[]> PermitDns = new("--permit-dns") { Description = "Name constraint: the intermediate may only issue for this domain and names under it (repeatable)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> ExcludeDns = new("--exclude-dns") { Description = "Name constraint: never issue for this domain and names under it (repeatable)" };
    private static readonly Option<string[]> PermitIp = new("--permit-ip") { Description = "Name constraint: IP SANs only within this CIDR (repeatable)" };
    private static readonly Option<string?> Module = new("--pkcs11-module") { Description = "Generate the CA keys in this PKCS#11 HSM module (with --pkcs11-token and --pkcs11-pin-file)" };
    private static readonly Option<string?> Token = new("--pkcs11-token") { Description = "Label of the HSM token for the CA keys" };
    private static readonly Option<string?> PinFile = new("--pkcs11-pin-file") { Description = "File whose first line is the token's user PIN" };
    private static readonly Option<string?> PassphraseFile = new("--key-passphrase-file") { Description = $"File whose first line encrypts the key files (else env {KeyPassphrase.EnvironmentVariable})" };
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("init", "Create a CA: a self-signed root (10 years) and an issuing intermediate (5 years)");
        command.Arguments.Add(Name);
        foreach (var option in new Option[] { KeyType, PublicUrl, PermitDns, ExcludeDns, PermitIp, Module, Token, PinFile, PassphraseFile, Json })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = Options(parseResult);
        options.Validate();
        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        AuthorityRecord record;
        if (options.Pkcs11 is { } location)
        {
            using var hsm = await Pkcs11KeyStore.OpenAsync(new Pkcs11Options(location.ModulePath, location.TokenLabel, parseResult.GetValue(PinFile)!), cancellationToken);
            record = await new AuthorityBuilder(store, context.TimeProvider).CreateAsync(options, hsm, cancellationToken);
        }
        else
        {
            using var passphrase = await KeyPassphrase.ResolveAsync(parseResult.GetValue(PassphraseFile), cancellationToken);
            var directory = KeyStoreOptions.KeyDirectory(parseResult);
            DataDirectory.EnsureExists(Path.GetDirectoryName(directory)!);
            var keys = new EncryptedFileKeyStore(directory, passphrase, context.TimeProvider);
            record = await new AuthorityBuilder(store, context.TimeProvider).CreateAsync(options, keys, cancellationToken);
        }

        if (parseResult.GetValue(Json))
        {
            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = JsonOutput.CreateWriter(stdout))
            {
                CaJsonWriter.WriteCreated(writer, record);
            }

            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return ExitCodes.Ok;
        }

        var view = CaView.Of(record);
        await context.Out.WriteLineAsync(
            $"created CA '{record.Name}' ({view.KeyType}, keys in {view.Store}): issuing CA '{ConsoleTable.Sanitize(view.Subject)}' valid until {JsonOutput.FormatTime(view.NotAfter)}; 'certwright ca cert {record.Name} --root' prints the root to trust");
        return ExitCodes.Ok;
    }

    private static AuthorityOptions Options(ParseResult parseResult)
    {
        var module = parseResult.GetValue(Module);
        var token = parseResult.GetValue(Token);
        var pin = parseResult.GetValue(PinFile);
        Pkcs11Location? location = null;
        if ((module ?? token ?? pin) is not null)
        {
            if (string.IsNullOrWhiteSpace(module) || string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(pin))
            {
                throw new CertwrightException(ErrorKind.Usage, "an HSM CA needs --pkcs11-module LIB, --pkcs11-token LABEL and --pkcs11-pin-file FILE");
            }

            location = new Pkcs11Location(Path.GetFullPath(module), token);
        }

        var url = parseResult.GetValue(PublicUrl);
        Uri? publicUrl = null;
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out publicUrl))
        {
            throw new CertwrightException(ErrorKind.Usage, $"--public-url '{url}' is not an absolute URL such as http://ca.internal:8080");
        }

        return new AuthorityOptions(parseResult.GetValue(Name)!)
        {
            KeyType = KeyTypes.Parse(parseResult.GetValue(KeyType)),
            PublicUrl = publicUrl,
            PermittedDns = parseResult.GetValue(PermitDns) ?? [],
            ExcludedDns = parseResult.GetValue(ExcludeDns) ?? [],
            PermittedIp = [.. (parseResult.GetValue(PermitIp) ?? []).Select(ParseNetwork)],
            Pkcs11 = location,
        };
    }

    private static IPNetwork ParseNetwork(string text) =>
        IPNetwork.TryParse(text, out var network)
            ? network
            : throw new CertwrightException(ErrorKind.Usage, $"--permit-ip '{text}' is not a CIDR such as 10.0.0.0/8");
}
