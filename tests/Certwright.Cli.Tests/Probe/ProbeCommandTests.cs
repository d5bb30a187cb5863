using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Probe;

/// <summary><c>certwright probe</c> end to end: a real nginx with TLS 1.0 on, bad input, an unreachable port.</summary>
[Collection(CliCollection.Name)]
public sealed class ProbeCommandTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Probe_LegacyNginx_ListsProtocolsSuitesAndWarns()
    {
        await using var site = await LegacySite.StartAsync();

        var run = await _session.RunAsync("probe", $"127.0.0.1:{site.Port}");

        run.ExpectExit(1);
        Assert.Contains("    TLSv1.0  enabled", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    TLSv1.3  disabled  (alert protocol_version)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Preferred TLSv1.2", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("WARNING  weak-protocol: 127.0.0.1:" + site.Port + " accepts TLSv1.0", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_Json_IsAProbeReportWithEveryVersion()
    {
        await using var site = await LegacySite.StartAsync();

        var run = await _session.RunAsync("probe", $"127.0.0.1:{site.Port}", "--protocols-only", "--json");

        var root = run.ExpectExit(1).Json("probe-report");
        var endpoint = Assert.Single(root.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("success", endpoint.GetProperty("probeStatus").GetString());
        var accepted = endpoint.GetProperty("protocols").EnumerateArray().Where(p => p.GetProperty("accepted").GetBoolean()).Select(p => p.GetProperty("version").GetString());
        Assert.Equal(["TLSv1.0", "TLSv1.1", "TLSv1.2"], accepted);
        Assert.Contains(endpoint.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "weak-protocol");
    }

    [Fact]
    public async Task Probe_NothingListening_IsUnknown()
    {
        var port = FreePort.Next();

        var run = await _session.RunAsync("probe", $"127.0.0.1:{port}", "--timeout", "2s");

        run.ExpectExit(3);
        Assert.Contains($"UNKNOWN: could not connect to port {port} of 127.0.0.1", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout 0s", "--timeout '0s': use a duration above zero and at most one hour")]
    [InlineData("--concurrency 0", "--concurrency 0: use 1 to 1024")]
    [InlineData("--starttls gopher", "gopher")]
    public async Task Probe_BadOption_IsUnknownWithOneLine(string options, string message)
    {
        string[] arguments = ["probe", "localhost:443", .. options.Split(' ')];

        var run = await _session.RunAsync(arguments);

        run.ExpectExit(3).ExpectOneLineError(message);
    }

    /// <summary>nginx with TLS 1.0 to 1.2 (OpenSSL 3 needs SECLEVEL 0 for the old versions).</summary>
    private sealed class LegacySite : IAsyncDisposable
    {
        private readonly NginxServer _nginx;
        private readonly TempDirectory _directory;

        private LegacySite(NginxServer nginx, TempDirectory directory, int port)
        {
            _nginx = nginx;
            _directory = directory;
            Port = port;
        }

        public int Port { get; }

        public static async Task<LegacySite> StartAsync()
        {
            var directory = new TempDirectory();
            using var root = TestPki.CreateRoot("Probe CLI Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10), keyType: TestKeyType.Rsa2048);
            using var leaf = TestPki.CreateLeaf(root, "localhost", ["localhost"], keyType: TestKeyType.Rsa2048);
            var port = FreePort.Next();
            var nginx = await NginxServer.StartAsync(
            [
                new NginxSite(
                    port,
                    directory.Write("leaf.crt", TestPki.Bundle(leaf, root)),
                    directory.Write("leaf.key", leaf.PrivateKeyPem),
                    Protocols: "TLSv1 TLSv1.1 TLSv1.2",
                    ExtraDirectives: "ssl_ciphers 'ECDHE+AESGCM:ECDHE+AES:@SECLEVEL=0';"),
            ]);
            return new LegacySite(nginx, directory, port);
        }

        public async ValueTask DisposeAsync()
        {
            await _nginx.DisposeAsync();
            _directory.Dispose();
        }
    }
}
