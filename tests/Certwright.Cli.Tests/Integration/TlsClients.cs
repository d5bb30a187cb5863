using System.Globalization;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Integration;

/// <summary>What <c>curl</c> got: its exit code (0 when an HTTP answer came), the HTTP status and the body.</summary>
internal sealed record CurlResult(int ExitCode, int Status, string Body, string Error)
{
    public override string ToString() => $"curl exit {ExitCode}, HTTP {Status}\n--- body ---\n{Body}\n--- stderr ---\n{Error}";
}

/// <summary>The real clients of the end-to-end tests: curl and openssl s_client, each bounded.</summary>
internal static class TlsClients
{
    private const string StatusMarker = "\n@@status=";

    /// <summary><c>curl -sS --max-time 10 --cacert CA [--cert C --key K] URL</c>.</summary>
    public static async Task<CurlResult> CurlAsync(string url, string? caFile = null, string? certificate = null, string? key = null)
    {
        var curl = ExternalTool.Require("curl", "curl");
        List<string> arguments = ["-sS", "--max-time", "10", "-w", StatusMarker + "%{http_code}"];
        if (caFile is not null)
        {
            arguments.AddRange(["--cacert", caFile]);
        }

        if (certificate is not null)
        {
            arguments.AddRange(["--cert", certificate, "--key", key ?? throw new ArgumentNullException(nameof(key))]);
        }

        arguments.Add(url);
        var result = await ProcessResult.RunAsync(curl, arguments, TimeSpan.FromSeconds(30));
        var at = result.StandardOutput.LastIndexOf(StatusMarker, StringComparison.Ordinal);
        var status = at < 0 ? 0 : int.Parse(result.StandardOutput[(at + StatusMarker.Length)..].Trim(), CultureInfo.InvariantCulture);
        var body = at < 0 ? result.StandardOutput : result.StandardOutput[..at];
        return new CurlResult(result.ExitCode, status, body, result.StandardError);
    }

    /// <summary><c>curl -sS --max-time 10 -o FILE URL</c>: downloads a file, failing on an HTTP error.</summary>
    public static async Task DownloadAsync(string url, string file)
    {
        var curl = ExternalTool.Require("curl", "curl");
        (await ProcessResult.RunAsync(curl, ["-sS", "--fail", "--max-time", "10", "-o", file, url], TimeSpan.FromSeconds(30))).EnsureSuccess();
    }

    /// <summary>
    /// <c>openssl s_client -connect 127.0.0.1:PORT -servername localhost -status -CAfile CA</c> with stdin closed: one handshake,
    /// the stapled OCSP response (or "OCSP response: no response sent") printed on stdout.
    /// </summary>
    public static async Task<string> StatusRequestAsync(int port, string caFile)
    {
        var result = await OpenSsl.TryRunAsync("s_client", "-connect", $"127.0.0.1:{port}", "-servername", "localhost", "-status", "-CAfile", caFile);
        return result.StandardOutput;
    }
}
