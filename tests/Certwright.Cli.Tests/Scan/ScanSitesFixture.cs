using System.Net;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Scan;

/// <summary>One nginx site: a loopback port and the leaf it serves.</summary>
public sealed record ScanSite(string Name, int Port, TestCertificate Leaf)
{
    public string Target => $"localhost:{Port}";
}

/// <summary>
/// One nginx serving every scan scenario on its own loopback port: a valid chain, leaves expiring in 10
/// and 3 days, an expired one, a self-signed one, one for another host name, and two name-based servers
/// (a.test, the default, and b.test) on one port for SNI. Started once per test class.
/// </summary>
public sealed class ScanSitesFixture : IAsyncLifetime
{
    /// <summary>
    /// RSA throughout: TestPki gives leaves keyEncipherment, which RFC 5480 forbids for EC keys (the validator
    /// rightly warns invalid-key-usage), and TestPki signs only with an issuer of the same key type.
    /// </summary>
    public const TestKeyType LeafKey = TestKeyType.Rsa2048;

    private readonly List<TestCertificate> _certificates = [];
    private NginxServer? _nginx;

    public TempDirectory Directory { get; } = new();

    public TestCertificate Root { get; } = TestPki.CreateRoot("Scan Root", notBefore: Expiry.IssuedLongAgo, keyType: LeafKey);

    public TestCertificate Intermediate { get; private set; } = null!;

    /// <summary>The <c>--ca-file</c> that trusts <see cref="Root"/> only.</summary>
    public string CaFile { get; private set; } = "";

    public Dictionary<string, ScanSite> Sites { get; } = [];

    public int SniPort { get; private set; }

    public async Task InitializeAsync()
    {
        Intermediate = Keep(TestPki.CreateIntermediate(Root, "Scan Intermediate", notBefore: Expiry.IssuedLongAgo, keyType: LeafKey));
        CaFile = Directory.WritePem("ca.pem", Root);
        var sites = new List<NginxSite>();
        void Add(string name, TestCertificate leaf, bool withChain = true, TestCertificate[]? chain = null)
        {
            var site = new ScanSite(name, FreePort.Next(), Keep(leaf));
            Sites[name] = site;
            var (certificate, key) = chain is null ? Write(name, leaf, withChain) : (Directory.WritePem($"{name}.crt", [leaf, .. chain]), Directory.WriteKey($"{name}.key", leaf));
            sites.Add(new NginxSite(site.Port, certificate, key));
        }

        Add("valid", Leaf("localhost", 90));
        Add("in10", Leaf("localhost", 10));
        Add("in3", Leaf("localhost", 3));
        Add("expired", Leaf("localhost", -2));
        Add("self-signed", TestPki.CreateSelfSignedLeaf("localhost", notBefore: Expiry.IssuedLongAgo, notAfter: Expiry.InDays(90), keyType: LeafKey), withChain: false);
        Add("wrong-host", Leaf("service.internal.test", 90));
        Add("not-yet-valid", TestPki.CreateLeaf(Intermediate, "localhost", ["localhost"], [IPAddress.Loopback], Expiry.InDays(5), Expiry.InDays(90), LeafKey));
        Add("no-intermediate", Leaf("localhost", 90), withChain: false);

        // Root -> First -> Second -> leaf, served as leaf, First, Second: complete, but out of order.
        var first = Keep(TestPki.CreateIntermediate(Root, "Scan First", notBefore: Expiry.IssuedLongAgo, notAfter: Expiry.InDays(365), keyType: LeafKey, pathLength: 1));
        var second = Keep(TestPki.CreateIntermediate(first, "Scan Second", notBefore: Expiry.IssuedLongAgo, notAfter: Expiry.InDays(300), keyType: LeafKey));
        Add("wrong-order", TestPki.CreateLeaf(second, "localhost", ["localhost"], [IPAddress.Loopback], Expiry.IssuedLongAgo, Expiry.InDays(90), LeafKey), chain: [first, second]);

        SniPort = FreePort.Next();
        foreach (var name in new[] { "a.test", "b.test" })
        {
            var leaf = Keep(TestPki.CreateLeaf(Intermediate, name, [name], notBefore: Expiry.IssuedLongAgo, notAfter: Expiry.InDays(90), keyType: LeafKey));
            Sites[name] = new ScanSite(name, SniPort, leaf);
            var (certificate, key) = Write(name, leaf, withChain: true);
            sites.Add(new NginxSite(SniPort, certificate, key, name, DefaultServer: name == "a.test"));
        }

        _nginx = await NginxServer.StartAsync(sites);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }

        Root.Dispose();
        Directory.Dispose();
    }

    private TestCertificate Leaf(string name, int days) =>
        TestPki.CreateLeaf(Intermediate, name, [name], name == "localhost" ? [IPAddress.Loopback] : null, Expiry.IssuedLongAgo, Expiry.InDays(days), LeafKey);

    private TestCertificate Keep(TestCertificate certificate)
    {
        _certificates.Add(certificate);
        return certificate;
    }

    private (string Certificate, string Key) Write(string name, TestCertificate leaf, bool withChain) =>
        (withChain ? Directory.WritePem($"{name}.crt", leaf, Intermediate) : Directory.WritePem($"{name}.crt", leaf), Directory.WriteKey($"{name}.key", leaf));
}
