using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Monitor;

/// <summary>
/// A test CA and <c>openssl s_server</c> endpoints on free loopback ports for the monitor, target and audit
/// tests: one healthy (90 days left), one expiring in 20 days whose common name carries HTML (and so is not in its SAN: nonconforming-certificate), and a port nobody
/// listens on.
/// </summary>
internal sealed class MonitorSites : IAsyncDisposable
{
    public const string HtmlName = "<script>alert(1)</script> & co";

    /// <summary>The subject as Certwright prints it (RFC 4514 escapes angle brackets).</summary>
    public const string HtmlSubject = @"CN=\<script\>alert(1)\</script\> & co";

    private readonly List<BackgroundServer> _servers = [];
    private readonly List<TestCertificate> _certificates = [];
    private int _configs;

    private MonitorSites(CliSession session)
    {
        Session = session;
        Root = Add(TestPki.CreateRoot("Monitor Root", notBefore: Expiry.IssuedLongAgo, keyType: TestKeyType.Rsa2048));
        CaFile = session.Work.WritePem("ca.pem", Root);
    }

    public CliSession Session { get; }

    public TestCertificate Root { get; }

    public string CaFile { get; }

    public int HealthyPort { get; private set; }

    public int ExpiringPort { get; private set; }

    public int DownPort { get; } = FreePort.Next();

    public TestCertificate Healthy { get; private set; } = null!;

    public TestCertificate Expiring { get; private set; } = null!;

    public static async Task<MonitorSites> StartAsync(CliSession session)
    {
        var sites = new MonitorSites(session);
        sites.Healthy = sites.Add(TestPki.CreateLeaf(sites.Root, "localhost", notBefore: Expiry.IssuedLongAgo, notAfter: Expiry.InDays(90), keyType: TestKeyType.Rsa2048));
        sites.Expiring = sites.Add(TestPki.CreateLeaf(sites.Root, HtmlName, dnsNames: ["localhost"], notBefore: Expiry.IssuedLongAgo, notAfter: Expiry.InDays(20), keyType: TestKeyType.Rsa2048));
        sites.HealthyPort = await sites.ServeAsync(sites.Healthy);
        sites.ExpiringPort = await sites.ServeAsync(sites.Expiring);
        return sites;
    }

    /// <summary>Writes a new configuration file with these target lines under <c>targets:</c> and the test CA as ca-file.</summary>
    public string WriteConfig(params string[] targetLines) =>
        Session.Work.Write($"certwright-{++_configs}.yaml", $"defaults:\n  every: 1h\n  ca-file: {CaFile}\ntargets:\n{string.Concat(targetLines.Select(l => l + "\n"))}");

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }
    }

    private async Task<int> ServeAsync(TestCertificate leaf)
    {
        var port = FreePort.Next();
        var certificate = Session.Work.WritePem($"leaf-{port}.crt", leaf);
        var key = Session.Work.WriteKey($"leaf-{port}.key", leaf);
        _servers.Add(await OpenSslServer.StartAsync(port, certificate, key));
        return port;
    }

    private TestCertificate Add(TestCertificate certificate)
    {
        _certificates.Add(certificate);
        return certificate;
    }
}
