using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary>
/// What a scan records in the inventory, against <c>openssl s_server</c>: the presented chain at
/// <c>host:port</c>, and a change of certificate between two scans.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ScanRecordingTests : IDisposable
{
    private readonly CliSession _session;
    private readonly TestCertificate _root = TestPki.CreateRoot("Recording Root", keyType: ScanSitesFixture.LeafKey);
    private readonly TestCertificate _intermediate;
    private readonly TestCertificate _first;
    private readonly TestCertificate _second;
    private readonly string _caFile;

    public ScanRecordingTests(CliFixture cli)
    {
        _session = cli.NewSession();
        _intermediate = TestPki.CreateIntermediate(_root, "Recording Intermediate", keyType: ScanSitesFixture.LeafKey);
        _first = TestPki.CreateLeaf(_intermediate, "localhost", notAfter: Expiry.InDays(60), keyType: ScanSitesFixture.LeafKey);
        _second = TestPki.CreateLeaf(_intermediate, "localhost", notAfter: Expiry.InDays(120), keyType: ScanSitesFixture.LeafKey);
        _caFile = _session.Work.WritePem("ca.pem", _root);
    }

    public void Dispose()
    {
        _session.Dispose();
        foreach (var certificate in new[] { _first, _second, _intermediate, _root })
        {
            certificate.Dispose();
        }
    }

    [Fact]
    public async Task Scan_Recorded_ListAndShowTheChainAtHostPort()
    {
        var port = FreePort.Next();
        await using (await StartAsync(port, _first))
        {
            (await _session.RunAsync("scan", $"localhost:{port}", "--ca-file", _caFile, "--namespace", "edge")).ExpectExit(0);
        }

        var listed = (await _session.RunAsync("list", "--json")).ExpectExit(0).Json("certificate-list");
        var leafEntry = Assert.Single(listed.Array("certificates"), c => c.Str("sha256") == _first.Sha256);
        Assert.StartsWith($"localhost:{port}", leafEntry.Str("firstLocation"), StringComparison.Ordinal);
        Assert.Equal(2, listed.Int("count"));
        Assert.Equal(2, (await _session.RunAsync("list", "--namespace", "edge", "--json")).Json("certificate-list").Int("count"));

        var leaf = Assert.Single((await _session.RunAsync("show", _first.Sha256, "--json")).ExpectExit(0).Json("certificate").Array("sightings"));
        Assert.Equal(("endpoint", $"localhost:{port}", "localhost", "edge", 0), (leaf.Str("kind"), leaf.Str("address"), leaf.Str("serverName"), leaf.Str("namespace"), leaf.Int("position")));
        Assert.True(leaf.Bool("currentEndpointLeaf"));
        var intermediate = Assert.Single((await _session.RunAsync("show", _intermediate.Sha256, "--json")).ExpectExit(0).Json("certificate").Array("sightings"));
        Assert.Equal(($"localhost:{port}", 1), (intermediate.Str("address"), intermediate.Int("position")));
        Assert.False(intermediate.Bool("currentEndpointLeaf"));
    }

    [Fact]
    public async Task Scan_NoStore_RecordsNothing()
    {
        var port = FreePort.Next();
        await using (await StartAsync(port, _first))
        {
            (await _session.RunAsync("scan", $"localhost:{port}", "--ca-file", _caFile, "--no-store")).ExpectExit(0);
        }

        Assert.Equal(0, (await _session.RunAsync("list", "--json")).ExpectExit(0).Json("certificate-list").Int("count"));
    }

    [Fact]
    public async Task Scan_ServerSwitchedCertificate_ReportsCertificateChanged()
    {
        var port = FreePort.Next();
        var target = $"localhost:{port}";
        await using (await StartAsync(port, _first))
        {
            var before = (await _session.RunAsync("scan", target, "--ca-file", _caFile, "--json")).ExpectExit(0).Json("scan-report");
            Assert.Empty(Assert.Single(before.Array("endpoints")).Array("findings"));
        }

        await using (await StartAsync(port, _second))
        {
            var run = (await _session.RunAsync("scan", target, "--ca-file", _caFile, "--json")).ExpectExit(0);
            var endpoint = Assert.Single(run.Json("scan-report").Array("endpoints"));
            Assert.Equal([("certificate-changed", "info")], endpoint.Findings());
            Assert.Equal(target, endpoint.Array("findings")[0].Str("subject"));
            var change = endpoint.GetProperty("certificateChanged");
            Assert.Equal((_first.Sha256, _second.Sha256), (change.Str("previousSha256"), change.Str("currentSha256")));

            var again = (await _session.RunAsync("scan", target, "--ca-file", _caFile)).ExpectExit(0);
            Assert.DoesNotContain("certificate-changed", again.StandardOutput, StringComparison.Ordinal);
        }

        var old = Assert.Single((await _session.RunAsync("show", _first.Sha256, "--json")).Json("certificate").Array("sightings"));
        Assert.False(old.Bool("currentEndpointLeaf"));
        var current = Assert.Single((await _session.RunAsync("show", _second.Sha256, "--json")).Json("certificate").Array("sightings"));
        Assert.True(current.Bool("currentEndpointLeaf"));
    }

    private async Task<BackgroundServer> StartAsync(int port, TestCertificate leaf)
    {
        var certificate = _session.Work.WritePem($"server-{leaf.Sha256[..8]}.crt", leaf);
        var key = _session.Work.WriteKey($"server-{leaf.Sha256[..8]}.key", leaf);
        var chain = _session.Work.WritePem("chain.pem", _intermediate);
        return await OpenSslServer.StartAsync(port, certificate, key, ["-cert_chain", chain]);
    }
}
