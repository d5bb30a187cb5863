using System.CommandLine;
using Certwright.Scanning;

namespace Certwright.Cli.Commands;

/// <summary>The options the <c>target</c> subcommands share.</summary>
internal static class TargetOptions
{
    public static Argument<string> Endpoint() => new("HOST[:PORT]")
    {
        Description = "The endpoint: host, host:port, [v6]:port (default port 443, or the STARTTLS protocol's)",
    };

    public static Option<string?> Sni() => new("--sni") { Description = "Server name to send (SNI) instead of the host name" };

    public static Option<string?> StartTls() => new("--starttls") { Description = $"Speak this protocol before TLS: {string.Join(", ", StartTlsProtocols.Names)}" };

    public static Option<string?> Config() => new("--config") { Description = "Monitor configuration file (default: certwright.yaml in the data directory, if present)" };

    /// <summary>The endpoint the arguments name.</summary>
    public static ScanTarget Parse(string text, string? startTls, string? sni) =>
        ScanTarget.Parse(text, startTls is null ? StartTlsProtocol.None : StartTlsProtocols.Parse(startTls), sni);
}
