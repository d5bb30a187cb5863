using System.CommandLine;
using Certwright.Authority;
using Certwright.Keys;
using Certwright.Renewal;
using Certwright.Renewal.Deploy.Kubernetes;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright managed add NAME (--acme URL ... | --ca NAME --profile P) --domain D... --deploy-dir DIR ...</c>: defines (or
/// redefines, keeping its state) a managed certificate. Nothing is issued until <c>renew</c>.
/// </summary>
internal static class ManagedAddCommand
{
    private static readonly Argument<string> Name = new("NAME") { Description = "A name for the managed certificate (letters, digits, '.', '_', '-')" };
    private static readonly Option<string?> Acme = new("--acme") { Description = "ACME directory URL of the CA to get the certificate from" };
    private static readonly Option<string?> AcmeCaFile = new("--acme-ca-file") { Description = "PEM file of the CAs that sign the ACME server's HTTPS certificate (a private ACME server)" };
    private static readonly Option<string?> Email = new("--email") { Description = "ACME account contact e-mail" };
    private static readonly Option<string> Challenge = new("--challenge") { Description = "ACME challenge: http-01, dns-01 or tls-alpn-01", DefaultValueFactory = _ => "http-01" };
    private static readonly Option<int> HttpPort = new("--http-port") { Description = "Port of the built-in http-01 listener", DefaultValueFactory = _ => 80 };
    private static readonly Option<string?> DnsHook = new("--dns-hook") { Description = "dns-01: command that sets and removes the TXT record" };
    private static readonly Option<string?> Webroot = new("--webroot") { Description = "http-01: write the challenge into this web server document root instead of the built-in listener" };
    private static readonly Option<int> TlsPort = new("--tls-port") { Description = "Port of the built-in tls-alpn-01 listener", DefaultValueFactory = _ => 443 };
    private static readonly Option<string?> EabKid = new("--eab-kid") { Description = "External account binding key id from the ACME CA" };
    private static readonly Option<string?> PreferredChain = new("--preferred-chain") { Description = "Prefer the ACME CA's (alternate) chain whose top issuer has this common name, as certbot's --preferred-chain" };
    private static readonly Option<string?> EabHmacFile = new("--eab-hmac-file") { Description = "File holding the external account binding HMAC key (base64url) from the ACME CA" };
    private static readonly Option<string?> Ca = new("--ca") { Description = "The private CA to issue from (certwright ca init NAME)" };
    private static readonly Option<string?> Profile = new("--profile") { Description = "The private CA's profile: server, client, server-client, short-lived, or one from certwright.yaml" };
    private static readonly Option<string?> Config = new("--config") { Description = "Configuration file whose 'profiles:' section defines profiles (default: certwright.yaml in the data directory, if present)" };
    private static readonly Option<string[]> Domains = new("--domain", "-d") { Description = "A DNS name (or IP) for the certificate; repeat for more, the first is also the CN", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> DeployDir = new("--deploy-dir") { Description = "Directory that gets cert.pem, chain.pem, fullchain.pem and privkey.pem (certbot's live/ layout)" };
    private static readonly Option<string?> DeployP12 = new("--deploy-p12") { Description = "PKCS#12 file that gets the key and chain (AES-256, as OpenSSL 3)" };
    private static readonly Option<string?> P12PasswordFile = new("--p12-password-file") { Description = "File whose first line is the --deploy-p12 password (read at each deploy)" };
    private static readonly Option<string?> P12PasswordEnv = new("--p12-password-env") { Description = "Environment variable holding the --deploy-p12 password (read at each deploy)" };
    private static readonly Option<string?> DeploySecret = new("--deploy-k8s-secret") { Description = "Kubernetes TLS secret NAMESPACE/NAME to create or update" };
    private static readonly Option<string?> Kubeconfig = new("--kubeconfig") { Description = "kubeconfig for --deploy-k8s-secret (default: the pod's service account)" };
    private static readonly Option<string?> KubeContext = new("--kube-context") { Description = "kubeconfig context for --deploy-k8s-secret (default: its current-context)" };
    private static readonly Option<string?> Namespace = new("--namespace", "-n") { Description = "Namespace (team, environment); default 'default'" };
    private static readonly Option<string?> ReloadCmd = new("--reload-cmd") { Description = "Command run after deploying, e.g. 'nginx -s reload' (through /bin/sh -c)" };
    private static readonly Option<string[]> VerifyEndpoints = new("--verify-endpoint") { Description = "HOST:PORT that must serve the new certificate after the reload; repeatable", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string> KeyType = new("--key-type") { Description = $"Key of the certificate: {KeyTypes.NameList}", DefaultValueFactory = _ => "ec-p256" };
    private static readonly Option<string?> RenewBefore = new("--renew-before") { Description = "Renew when this much validity remains (e.g. 30d); default: when a third of the lifetime remains, or in the CA's ARI window" };

    public static Command Create()
    {
        var command = new Command("add", "Add (or redefine) a managed certificate");
        command.Arguments.Add(Name);
        foreach (var option in new Option[]
        {
            Acme, AcmeCaFile, Email, Challenge, HttpPort, DnsHook, Webroot, TlsPort, EabKid, EabHmacFile, PreferredChain, Ca, Profile, Config, Domains,
            DeployDir, DeployP12, P12PasswordFile, P12PasswordEnv, DeploySecret, Kubeconfig, KubeContext, Namespace, ReloadCmd, VerifyEndpoints, KeyType, RenewBefore,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction(CommandRunner.Guard(AddAsync));
        return command;
    }

    private static async Task<int> AddAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = ManagedInput.Name(parseResult.GetValue(Name)!);
        CertificateSourceSpec source = parseResult.GetValue(Acme) is { } acme ? AcmeSource(parseResult, acme) : await CaSourceAsync(context, parseResult, cancellationToken);
        var targets = DeployTargets(parseResult);
        var managed = new ManagedCertificate
        {
            Name = name,
            Namespace = ManagedInput.Namespace(parseResult.GetValue(Namespace)),
            Source = source,
            Domains = ManagedInput.Domains(parseResult.GetValue(Domains) ?? []),
            KeyType = KeyTypes.Parse(parseResult.GetValue(KeyType)),
            RenewBefore = parseResult.GetValue(RenewBefore) is { } before ? ValidityText.Parse(before) : null,
            DeployTargets = targets,
            ReloadCommand = ManagedInput.Command(parseResult.GetValue(ReloadCmd)),
            VerifyEndpoints = ManagedInput.Endpoints(parseResult.GetValue(VerifyEndpoints) ?? []),
        };
        var store = await context.OpenManagedStoreAsync(cancellationToken);
        var added = await store.SaveAsync(managed, cancellationToken);
        await context.Out.WriteLineAsync($"{(added ? "added" : "updated")} managed certificate {name} ({source.Describe()}, namespace {managed.Namespace}); 'certwright renew' issues and deploys it");
        return ExitCodes.Ok;
    }

    private static AcmeSourceSpec AcmeSource(ParseResult parseResult, string url)
    {
        if (parseResult.GetValue(Ca) is not null || parseResult.GetValue(Profile) is not null)
        {
            throw new CertwrightException(ErrorKind.Usage, "give either --acme URL or --ca NAME --profile P, not both");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var directory) || (directory.Scheme != Uri.UriSchemeHttps && directory.Scheme != Uri.UriSchemeHttp))
        {
            throw new CertwrightException(ErrorKind.Usage, $"--acme '{url}' is not an http(s) URL; give the ACME directory URL, e.g. https://acme-v02.api.letsencrypt.org/directory");
        }

        var challenge = parseResult.GetValue(Challenge)!;
        if (!AcmeSourceSpec.Challenges.Contains(challenge))
        {
            throw new CertwrightException(ErrorKind.Usage, $"--challenge '{challenge}' is not one of {string.Join(", ", AcmeSourceSpec.Challenges)}");
        }

        var dnsHook = ManagedInput.Command(parseResult.GetValue(DnsHook));
        if (challenge == "dns-01" && dnsHook is null)
        {
            throw new CertwrightException(ErrorKind.Usage, "--challenge dns-01 needs --dns-hook CMD, the command that sets and removes the TXT record");
        }

        var port = parseResult.GetValue(HttpPort);
        if (port is < 1 or > 65535)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--http-port {port} is out of range: use 1 to 65535");
        }

        var caFile = parseResult.GetValue(AcmeCaFile) is { } file ? Path.GetFullPath(file) : null;
        if (caFile is not null && !File.Exists(caFile))
        {
            throw new CertwrightException(ErrorKind.Usage, $"--acme-ca-file '{caFile}' does not exist");
        }

        var tlsPort = parseResult.GetValue(TlsPort);
        if (tlsPort is < 1 or > 65535)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--tls-port {tlsPort} is out of range: use 1 to 65535");
        }

        var webroot = parseResult.GetValue(Webroot) is { } root ? Path.GetFullPath(root) : null;
        if (webroot is not null && !Directory.Exists(webroot))
        {
            throw new CertwrightException(ErrorKind.Usage, $"--webroot '{webroot}' is not a directory; give the web server's document root");
        }

        var (eabKid, eabFile) = (parseResult.GetValue(EabKid), parseResult.GetValue(EabHmacFile) is { } f ? Path.GetFullPath(f) : null);
        if ((eabKid is null) != (eabFile is null))
        {
            throw new CertwrightException(ErrorKind.Usage, "external account binding needs both --eab-kid and --eab-hmac-file");
        }

        if (eabFile is not null && !File.Exists(eabFile))
        {
            throw new CertwrightException(ErrorKind.Usage, $"--eab-hmac-file '{eabFile}' does not exist");
        }

        return new AcmeSourceSpec(directory, caFile, parseResult.GetValue(Email), challenge, port, dnsHook)
        {
            Webroot = webroot,
            TlsPort = tlsPort,
            EabKeyId = eabKid,
            EabHmacFile = eabFile,
            PreferredChain = parseResult.GetValue(PreferredChain),
        };
    }

    private static List<DeployTarget> DeployTargets(ParseResult parseResult)
    {
        var targets = new List<DeployTarget>();
        if (parseResult.GetValue(DeployDir) is { } directory)
        {
            targets.Add(DeployTarget.Directory(directory));
        }

        if (parseResult.GetValue(DeployP12) is { } p12)
        {
            var (file, variable) = (parseResult.GetValue(P12PasswordFile), parseResult.GetValue(P12PasswordEnv));
            if ((file is null) == (variable is null))
            {
                throw new CertwrightException(ErrorKind.Usage, "--deploy-p12 needs exactly one of --p12-password-file FILE or --p12-password-env VAR");
            }

            if (file is not null && !File.Exists(file))
            {
                throw new CertwrightException(ErrorKind.Usage, $"--p12-password-file '{file}' does not exist");
            }

            targets.Add(DeployTarget.Pkcs12(p12, file, variable));
        }

        if (parseResult.GetValue(DeploySecret) is { } secret)
        {
            var slash = secret.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == secret.Length - 1 || secret.IndexOf('/', slash + 1) >= 0)
            {
                throw new CertwrightException(ErrorKind.Usage, $"--deploy-k8s-secret '{secret}' is not NAMESPACE/NAME, e.g. prod/api-tls");
            }

            var kubeconfig = parseResult.GetValue(Kubeconfig);
            if (kubeconfig is not null && !File.Exists(kubeconfig))
            {
                throw new CertwrightException(ErrorKind.Usage, $"--kubeconfig '{kubeconfig}' does not exist");
            }

            var options = new KubernetesSecretOptions { Namespace = secret[..slash], Name = secret[(slash + 1)..], KubeconfigPath = kubeconfig, Context = parseResult.GetValue(KubeContext) };
            if (options.Validate() is [var first, ..])
            {
                throw new CertwrightException(ErrorKind.Usage, $"--deploy-k8s-secret: {first}");
            }

            targets.Add(DeployTarget.KubernetesSecret(options.Namespace, options.Name, kubeconfig, options.Context));
        }

        return targets.Count > 0
            ? targets
            : throw new CertwrightException(ErrorKind.Usage, "give --deploy-dir DIR, --deploy-p12 FILE or --deploy-k8s-secret NS/NAME: where the certificate and key are deployed");
    }

    private static async Task<PrivateCaSourceSpec> CaSourceAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var ca = parseResult.GetValue(Ca) ?? throw new CertwrightException(ErrorKind.Usage, "give --ca NAME --profile P (the private CA) or --acme URL (an ACME CA)");
        var profile = parseResult.GetValue(Profile) ?? throw new CertwrightException(ErrorKind.Usage, $"--ca {ca} needs --profile P (server, client, server-client, short-lived)");
        var configuration = await context.LoadConfigurationAsync(parseResult.GetValue(Config), cancellationToken);
        CertificateProfiles.Get(profile, configuration.Profiles);
        await using var ledger = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        await CaLedger.FindAsync(ledger, ca, cancellationToken);
        return new PrivateCaSourceSpec(ca, profile);
    }
}
