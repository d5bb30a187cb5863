using System.CommandLine;
using System.Net;
using Certwright.Acme.Server;

namespace Certwright.Cli.Commands;

/// <summary>The ACME and TLS options of <c>serve</c> (not of <c>ocsp serve</c>).</summary>
internal sealed class ServeAcmeOptions
{
    public Option<string?> TlsCert { get; } = new("--tls-cert")
    {
        Description = "PEM server certificate for an https:// --listen, followed by its intermediates (e.g. from 'certwright issue --profile server')",
    };

    public Option<string?> TlsKey { get; } = new("--tls-key") { Description = "PEM private key (unencrypted PKCS#8 or SEC1/PKCS#1) of --tls-cert" };

    public Option<string> AcmeProfile { get; } = new("--acme-profile")
    {
        Description = "Profile of certificates issued through ACME (a built-in one or from certwright.yaml's 'profiles:')",
        DefaultValueFactory = _ => "server",
    };

    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file whose 'profiles:' section defines --acme-profile (default: certwright.yaml in the data directory, if present)" };

    public Option<int> AcmeHttpPort { get; } = new("--acme-http-port")
    {
        Description = "Port http-01 validation connects to (RFC 8555: 80; tests and unprivileged clients use another)",
        DefaultValueFactory = _ => AcmeServerConstants.DefaultHttpValidationPort,
    };

    public Option<string[]> AcmeResolve { get; } = new("--acme-resolve")
    {
        Description = "NAME=IP: resolve NAME to IP during challenge validation instead of asking DNS (repeatable), e.g. app.test=127.0.0.1",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> NoAcme { get; } = new("--no-acme") { Description = "Do not serve ACME at /acme/NAME/directory" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { TlsCert, TlsKey, AcmeProfile, Config, AcmeHttpPort, AcmeResolve, NoAcme })
        {
            command.Options.Add(option);
        }
    }

    /// <exception cref="CertwrightException">Usage: a port outside 1-65535 or a --acme-resolve that is not NAME=IP.</exception>
    public AcmeServerOptions Read(ParseResult parseResult)
    {
        var port = parseResult.GetValue(AcmeHttpPort);
        if (port is < 1 or > 65535)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--acme-http-port {port} is not a TCP port; give 1-65535");
        }

        var hosts = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        foreach (var entry in parseResult.GetValue(AcmeResolve) ?? [])
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !IPAddress.TryParse(entry[(equals + 1)..], out var address))
            {
                throw new CertwrightException(ErrorKind.Usage, $"--acme-resolve '{entry}' is not NAME=IP; use e.g. --acme-resolve app.test=127.0.0.1");
            }

            hosts[entry[..equals].Trim().TrimEnd('.').ToLowerInvariant()] = address;
        }

        return new AcmeServerOptions { HttpValidationPort = port, StaticHosts = hosts };
    }
}
