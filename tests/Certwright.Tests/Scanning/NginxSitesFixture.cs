using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning;

/// <summary>
/// nginx with several name-based sites on one port (a.test, b.test, localhost and a default server), plus
/// a handful of single-site ports for multi-target scans. Started once per test class.
/// </summary>
public sealed class NginxSitesFixture : IAsyncLifetime
{
    public const int ExtraPortCount = 20;

    private NginxServer? _nginx;

    public TempDirectory Directory { get; } = new();

    public TestCertificate Root { get; } = TestPki.CreateRoot("Nginx Test Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10));

    public Dictionary<string, TestCertificate> Certificates { get; } = [];

    public int NamedPort { get; private set; }

    public IReadOnlyList<int> ExtraPorts { get; private set; } = [];

    public NginxServer Nginx => _nginx ?? throw new InvalidOperationException("nginx not started");

    public async Task InitializeAsync()
    {
        NamedPort = FreePort.Next();
        var sites = new List<NginxSite>();
        foreach (var name in new[] { "a.test", "b.test", "localhost", "default.test" })
        {
            var certificate = TestPki.CreateLeaf(Root, name, [name]);
            Certificates[name] = certificate;
            var (cert, key) = WriteKeyPair(name, certificate);
            sites.Add(new NginxSite(NamedPort, cert, key, name == "default.test" ? null : name, DefaultServer: name == "default.test"));
        }

        var shared = TestPki.CreateLeaf(Root, "shared.test", ["shared.test"]);
        Certificates["shared.test"] = shared;
        var (sharedCert, sharedKey) = WriteKeyPair("shared.test", shared);
        ExtraPorts = Enumerable.Range(0, ExtraPortCount).Select(_ => FreePort.Next()).ToList();
        sites.AddRange(ExtraPorts.Select(port => new NginxSite(port, sharedCert, sharedKey)));

        _nginx = await NginxServer.StartAsync(sites);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        Directory.Dispose();
    }

    private (string Certificate, string Key) WriteKeyPair(string name, TestCertificate certificate)
        => (Directory.Write($"{name}.crt", TestPki.Bundle(certificate, Root)), Directory.Write($"{name}.key", certificate.PrivateKeyPem));
}
