using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Certwright.Authority;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Storage;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Ocsp;

/// <summary><c>ocsp serve</c> and <c>serve</c> as published: openssl ocsp asks them, a revocation shows up while serving, SIGTERM exits 0.</summary>
[Collection(CliCollection.Name)]
public sealed partial class OcspServeCommandTests(CliFixture cli) : IDisposable
{
    private const string Passphrase = "ocsp serve passphrase";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("ocsp")]
    [InlineData("serve")]
    public async Task Serve_OpensslOcsp_GoodThenRevokedWhileServing_AndSigtermExits0(string command)
    {
        var ca = await CliTestAuthority.CreateAsync(_session.DataDirectory, Passphrase, "cli-ca");
        var root = _session.Work.Write("root.pem", CliTestAuthority.Pem(ca.Root));
        var issuing = _session.Work.Write("ca.pem", CliTestAuthority.Pem(ca.Issuing));
        var leaf = _session.Work.Write("leaf.pem", CliTestAuthority.Pem(ca.Leaf));
        var passphraseFile = _session.Work.Write("passphrase", Passphrase + "\n");
        string[] arguments = command == "ocsp" ? ["ocsp", "serve"] : ["serve"];
        using var server = _session.Start([.. arguments, "--listen", "http://127.0.0.1:0", "--key-passphrase-file", passphraseFile]);
        try
        {
            var url = await ListeningUrlAsync(server);
            var good = await OpenSsl.TryRunAsync("ocsp", "-issuer", issuing, "-cert", leaf, "-url", url + "/ocsp", "-CAfile", root, "-timeout", "20");
            Assert.Contains("Response verify OK", good.StandardError, StringComparison.Ordinal);
            Assert.Contains($"{leaf}: good", good.StandardOutput, StringComparison.Ordinal);

            await using (var store = await AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = _session.DataDirectory }, TimeProvider.System, CancellationToken.None))
            {
                Assert.True(await store.RevokeAsync("cli-ca", ca.Leaf.SerialNumber.ToByteArray(), DateTimeOffset.UnixEpoch.AddYears(56), RevocationReason.KeyCompromise, CancellationToken.None));
            }

            var deadline = Stopwatch.StartNew();
            ProcessResult revoked;
            do
            {
                revoked = await OpenSsl.TryRunAsync("ocsp", "-issuer", issuing, "-cert", leaf, "-url", url + "/ocsp", "-CAfile", root, "-no_nonce", "-timeout", "20");
            }
            while (!revoked.StandardOutput.Contains(": revoked", StringComparison.Ordinal) && deadline.Elapsed < TimeSpan.FromSeconds(10));

            Assert.Contains($"{leaf}: revoked", revoked.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Reason: keyCompromise", revoked.StandardOutput, StringComparison.Ordinal);

            using var caCertificate = await Http.GetAsync(new Uri(url + "/ca/cli-ca.crt"));
            Assert.Equal(command == "serve" ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.NotFound, caCertificate.StatusCode);

            (await ProcessResult.RunAsync(ExternalTool.Require("kill", "procps"), ["-s", "TERM", server.Id.ToString(CultureInfo.InvariantCulture)])).EnsureSuccess();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await server.WaitForExitAsync(bound.Token);
            Assert.Equal(0, server.ExitCode);
            Assert.Contains("stopped", await server.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task OcspServe_NoCa_OneLineUsageError()
    {
        var run = await _session.RunAsync(["ocsp", "serve", "--listen", "http://127.0.0.1:0"], TimeSpan.FromSeconds(30));

        run.ExpectExit(1).ExpectOneLineError("no CA in");
    }

    [Fact]
    public async Task OcspServe_HttpsListen_OneLineUsageError()
    {
        var run = await _session.RunAsync(["ocsp", "serve", "--listen", "https://127.0.0.1:8443"], TimeSpan.FromSeconds(30));

        run.ExpectExit(1).ExpectOneLineError("--listen 'https://127.0.0.1:8443' is not an http://HOST:PORT URL");
    }

    /// <summary>Reads the server's stdout until its "listening on URL" line (bounded).</summary>
    private static async Task<string> ListeningUrlAsync(Process server)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(bound.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException($"the server exited without listening: {await server.StandardError.ReadToEndAsync(bound.Token)}");
    }

    [GeneratedRegex(@"^listening on (http://127\.0\.0\.1:\d+):")]
    private static partial Regex ListeningLine();
}
