using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Integration;

/// <summary>
/// Existing ACME clients against <c>certwright serve</c>'s ACME directory over HTTPS (server certificate issued by the CA itself):
/// certbot and lego answer http-01 on a loopback port the server validates for real; their certificates chain to the CA.
/// A client whose challenge cannot be answered gets none.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class AcmeServeTests(CliFixture cli) : IDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(120);
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Certbot_StandaloneHttp01_GetsCertificateThatChainsToCa()
    {
        var (ca, serve, directory, httpPort) = await StartAsync();
        await using var _ = serve;
        var certbot = ExternalTool.Require("certbot", "certbot");

        var run = await ProcessResult.RunAsync(certbot, CertbotArguments(directory, httpPort, "app.test"), ClientTimeout, _session.Work.Path, new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = ca.Root, ["HOME"] = _session.Work.Path });

        Assert.True(run.ExitCode == 0, $"certbot failed:\n{run.StandardOutput}\n{run.StandardError}\n{serve.Output}");
        var leaf = _session.Work.File("certbot/config/live/app.test/cert.pem");
        Assert.Equal($"{leaf}: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", ca.Root, "-untrusted", ca.Intermediate, "-purpose", "sslserver", leaf));
        Assert.Contains("DNS:app.test", await OpenSsl.RunAsync("x509", "-in", leaf, "-noout", "-ext", "subjectAltName"), StringComparison.Ordinal);
        Assert.Equal(
            (await File.ReadAllTextAsync(leaf)).Trim() + "\n" + (await File.ReadAllTextAsync(ca.Intermediate)).Trim(),
            (await File.ReadAllTextAsync(_session.Work.File("certbot/config/live/app.test/fullchain.pem"))).Trim());
        Assert.Contains("http-01 for 'app.test' valid", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lego_Http01_GetsCertificateThatChainsToCa()
    {
        var (ca, serve, directory, httpPort) = await StartAsync();
        await using var _ = serve;
        var lego = ExternalTool.Require("lego", "lego");

        var run = await ProcessResult.RunAsync(lego, LegoArguments(directory, httpPort, "app.test"), ClientTimeout, _session.Work.Path, new Dictionary<string, string> { ["LEGO_CA_CERTIFICATES"] = ca.Root, ["HOME"] = _session.Work.Path });

        Assert.True(run.ExitCode == 0, $"lego failed:\n{run.StandardOutput}\n{run.StandardError}\n{serve.Output}");
        var bundle = _session.Work.File("lego/certificates/app.test.crt");
        var leaf = _session.Work.Write("lego-leaf.pem", await OpenSsl.RunAsync("x509", "-in", bundle));
        Assert.Equal($"{leaf}: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", ca.Root, "-untrusted", ca.Intermediate, "-purpose", "sslserver", leaf));
        Assert.Contains("DNS:app.test", await OpenSsl.RunAsync("x509", "-in", leaf, "-noout", "-ext", "subjectAltName"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_ChallengeNobodyAnswers_NoCertificate()
    {
        // down.test resolves to 127.0.0.2, where nothing listens: validation fails whatever the client serves on 127.0.0.1.
        var (ca, serve, directory, httpPort) = await StartAsync();
        await using var _ = serve;
        var certbot = ExternalTool.Require("certbot", "certbot");
        var lego = ExternalTool.Require("lego", "lego");

        var certbotRun = await ProcessResult.RunAsync(certbot, CertbotArguments(directory, httpPort, "down.test"), ClientTimeout, _session.Work.Path, new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = ca.Root, ["HOME"] = _session.Work.Path });
        var legoRun = await ProcessResult.RunAsync(lego, LegoArguments(directory, httpPort, "down.test"), ClientTimeout, _session.Work.Path, new Dictionary<string, string> { ["LEGO_CA_CERTIFICATES"] = ca.Root, ["HOME"] = _session.Work.Path });

        Assert.True(certbotRun.ExitCode != 0, certbotRun.StandardOutput + certbotRun.StandardError);
        Assert.Contains("Type:   connection", certbotRun.StandardOutput + certbotRun.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_session.Work.File("certbot/config/live/down.test")));
        Assert.NotEqual(0, legoRun.ExitCode);
        Assert.Contains("urn:ietf:params:acme:error:connection", legoRun.StandardOutput + legoRun.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_session.Work.File("lego/certificates/down.test.crt")));
        Assert.Contains("http-01 for 'down.test' failed", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_GarbagePost_MalformedProblemNot500()
    {
        var (ca, serve, directory, _) = await StartAsync();
        await using var __ = serve;
        var curl = ExternalTool.Require("curl", "curl");

        var run = await ProcessResult.RunAsync(curl, ["-s", "--cacert", ca.Root, "-H", "Content-Type: application/jose+json", "--data", "{garbage", "-w", "\n%{http_code}", directory.Replace("/directory", "/new-order", StringComparison.Ordinal)]);

        Assert.EndsWith("\n400", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"urn:ietf:params:acme:error:malformed\"", run.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>A CA, a server certificate for 127.0.0.1 from it, and <c>serve</c> on https with ACME validating on a free port.</summary>
    private async Task<(PrivateCa Ca, ServeProcess Serve, string Directory, int HttpPort)> StartAsync()
    {
        var ca = await PrivateCa.InitAsync(_session, "corp", FreePort.Next());
        var tls = await ca.IssueAsync("server", "tls", "--cn", "127.0.0.1", "--san", "ip:127.0.0.1");
        var httpPort = FreePort.Next();
        var url = $"https://127.0.0.1:{ca.ServePort}";
        var serve = await ServeProcess.StartAsync(
            _session, url, ca.PassphraseFile,
            "--tls-cert", tls.Certificate, "--tls-key", tls.Key, "--acme-http-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--acme-resolve", "app.test=127.0.0.1", "--acme-resolve", "down.test=127.0.0.2");
        return (ca, serve, $"{url}/acme/corp/directory", httpPort);
    }

    private string[] CertbotArguments(string directory, int httpPort, string name) =>
    [
        "certonly", "--standalone", "--http-01-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-01-address", "127.0.0.1",
        "--server", directory, "--config-dir", _session.Work.File("certbot/config"), "--work-dir", _session.Work.File("certbot/work"),
        "--logs-dir", _session.Work.File("certbot/logs"), "--agree-tos", "--register-unsafely-without-email", "-d", name, "--non-interactive",
    ];

    private string[] LegoArguments(string directory, int httpPort, string name) =>
    [
        "--server", directory, "--email", "ops@app.test", "--accept-tos", "--http", "--http.port", $"127.0.0.1:{httpPort}",
        "--domains", name, "--path", _session.Work.File("lego"), "run",
    ];
}
