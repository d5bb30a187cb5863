using System.Text.Json;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Integration;

/// <summary>
/// nginx staples the OCSP answers of <c>certwright serve</c>, found through the AIA extension of a certificate <c>certwright issue</c>
/// made, and <c>certwright scan</c> reads the staple. nginx 1.22 never staples an answer that is not "good" (it logs
/// <c>certificate status "revoked" in the OCSP response</c> and staples nothing), so after a revocation the test checks that
/// refusal, scan's fallback to the responder itself, and certwright's revoked answer stapled from a file (<c>ssl_stapling_file</c>).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class OcspStaplingTests(CliFixture cli) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task NginxStapling_GoodFromServeStapledAndScanned_AfterRevokeNotStapledAndScanFindsRevoked()
    {
        var ca = await PrivateCa.InitAsync(_session, "corp", FreePort.Next());
        var server = await ca.IssueAsync("server", "site", "--cn", "localhost", "--san", "dns:localhost", "--san", "127.0.0.1");
        await using var serve = await ca.ServeAsync();
        var port = FreePort.Next();
        // No ssl_stapling_responder: nginx takes http://127.0.0.1:SERVEPORT/ocsp from the certificate's AIA.
        var site = new NginxSite(port, server.Certificate, server.Key, ExtraDirectives: $"ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate {ca.Chain};");

        await using (await NginxServer.StartAsync([site]))
        {
            // nginx asks the responder after the first handshake that wants a staple, and staples from the next one on.
            var staple = await Eventually.PollAsync(() => TlsClients.StatusRequestAsync(port, ca.Root), s => s.Contains("Cert Status:", StringComparison.Ordinal), Bound);

            Assert.Contains("OCSP Response Status: successful (0x0)", staple, StringComparison.Ordinal);
            Assert.Contains("Cert Status: good", staple, StringComparison.Ordinal);
            Assert.Contains("Subject: CN=corp OCSP Responder", staple, StringComparison.Ordinal);
            Assert.Contains("Verify return code: 0 (ok)", staple, StringComparison.Ordinal);
            var (exit, endpoint) = await ScanAsync(ca, port);
            Assert.Equal(0, exit);
            Assert.True(endpoint.Bool("ocspStapled"), endpoint.ToString());
            var revocation = endpoint.GetProperty("revocation");
            Assert.Equal(("good", "stapled"), (revocation.Str("status"), revocation.Str("source")));
            Assert.Empty(endpoint.Findings());
        }

        await ca.RevokeAsync(server);
        // serve re-signs within about a second; nginx must not ask before that, or it would cache "good" for an hour.
        var revokedAnswer = _session.Work.File("revoked.der");
        var answer = await Eventually.PollAsync(
            () => OpenSsl.TryRunAsync("ocsp", "-issuer", ca.Intermediate, "-cert", server.Certificate, "-url", ca.ServeUrl + "/ocsp", "-CAfile", ca.Root, "-no_nonce", "-respout", revokedAnswer),
            r => r.StandardOutput.Contains(": revoked", StringComparison.Ordinal),
            Bound);
        Assert.Contains($"{server.Certificate}: revoked", answer.StandardOutput, StringComparison.Ordinal);

        // nginx keeps a staple until its nextUpdate (at most an hour), and reload cannot be signalled to this single-process
        // nginx: a restart makes it ask again.
        await using (var nginx = await NginxServer.StartAsync([site]))
        {
            var errorLog = nginx.Prefix.File("error.log");
            await Eventually.PollAsync(
                async () =>
                {
                    await TlsClients.StatusRequestAsync(port, ca.Root);
                    return await File.ReadAllTextAsync(errorLog);
                },
                log => log.Contains("certificate status \"revoked\" in the OCSP response", StringComparison.Ordinal),
                Bound);

            Assert.Contains("certificate status \"revoked\" in the OCSP response", await File.ReadAllTextAsync(errorLog), StringComparison.Ordinal);
            Assert.Contains("OCSP response: no response sent", await TlsClients.StatusRequestAsync(port, ca.Root), StringComparison.Ordinal);
            var (exit, endpoint) = await ScanAsync(ca, port);
            Assert.Equal(2, exit);
            Assert.False(endpoint.Bool("ocspStapled"));
            var revocation = endpoint.GetProperty("revocation");
            Assert.Equal(("revoked", "ocsp", ca.ServeUrl + "/ocsp", "keyCompromise"), (revocation.Str("status"), revocation.Str("source"), revocation.Str("url"), revocation.Str("reason")));
            Assert.Contains(("revoked", "critical"), endpoint.Findings());
        }

        // Certwright's revoked answer is a valid staple: nginx serves it from a file, s_client and scan read it.
        var fromFile = site with { ExtraDirectives = $"ssl_stapling on; ssl_stapling_file {revokedAnswer};" };
        await using (await NginxServer.StartAsync([fromFile]))
        {
            var staple = await TlsClients.StatusRequestAsync(port, ca.Root);

            Assert.Contains("Cert Status: revoked", staple, StringComparison.Ordinal);
            Assert.Contains("Revocation Reason: keyCompromise (0x1)", staple, StringComparison.Ordinal);
            var (exit, endpoint) = await ScanAsync(ca, port);
            Assert.Equal(2, exit);
            Assert.True(endpoint.Bool("ocspStapled"));
            var revocation = endpoint.GetProperty("revocation");
            Assert.Equal(("revoked", "stapled", "keyCompromise"), (revocation.Str("status"), revocation.Str("source"), revocation.Str("reason")));
        }
    }

    /// <summary><c>certwright scan 127.0.0.1:PORT --ca-file ROOT --json</c>: its exit code and the one endpoint.</summary>
    private async Task<(int ExitCode, JsonElement Endpoint)> ScanAsync(PrivateCa ca, int port)
    {
        var run = await _session.RunAsync("scan", $"127.0.0.1:{port}", "--ca-file", ca.Root, "--json");
        var report = run.Json("scan-report");
        Assert.Equal(run.ExitCode, report.Int("exitCode"));
        return (run.ExitCode, Assert.Single(report.Array("endpoints")));
    }
}
