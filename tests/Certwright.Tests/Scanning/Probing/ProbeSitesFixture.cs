using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>
/// nginx with one port per TLS configuration the prober must read right: old protocols on, TLS 1.3 only, weak
/// suites, an RSA 1024 key, and a client certificate required. OpenSSL 3 needs <c>@SECLEVEL=0</c> for TLS 1.0/1.1,
/// NULL suites and 1024-bit keys; nginx 1.22 enables TLS 1.3 only when <c>ssl_protocols</c> names it.
/// This OpenSSL (Debian's 3.0) has no 3DES, RC4 or single DES compiled in, so the weak site uses NULL and CBC suites.
/// </summary>
public sealed class ProbeSitesFixture : IAsyncLifetime
{
    private NginxServer? _nginx;

    public TempDirectory Directory { get; } = new();

    public TestCertificate Root { get; } = TestPki.CreateRoot("Probe Test Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10), keyType: TestKeyType.Rsa2048);

    public TestCertificate ClientRootA { get; } = TestPki.CreateRoot("Client CA One", notBefore: DateTimeOffset.UtcNow.AddDays(-10));

    public TestCertificate ClientRootB { get; } = TestPki.CreateRoot("Client CA Two", notBefore: DateTimeOffset.UtcNow.AddDays(-10));

    /// <summary>Site name to port: legacy, tls13, weak, rsa1024, mtls.</summary>
    public Dictionary<string, int> Ports { get; } = [];

    public async Task InitializeAsync()
    {
        var leaf = TestPki.CreateLeaf(Root, "localhost", ["localhost"], keyType: TestKeyType.Rsa2048);
        var cert = Directory.Write("leaf.crt", TestPki.Bundle(leaf, Root));
        var key = Directory.Write("leaf.key", leaf.PrivateKeyPem);
        var small = TestPki.CreateLeaf(Root, "small.test", ["small.test"], keyType: TestKeyType.Rsa1024);
        var smallCert = Directory.Write("small.crt", TestPki.Bundle(small, Root));
        var smallKey = Directory.Write("small.key", small.PrivateKeyPem);
        var clientCas = Directory.Write("client-cas.pem", TestPki.Bundle(ClientRootA, ClientRootB));
        foreach (var name in new[] { "legacy", "tls13", "weak", "rsa1024", "mtls" })
        {
            Ports[name] = FreePort.Next();
        }

        _nginx = await NginxServer.StartAsync(
        [
            new NginxSite(Ports["legacy"], cert, key, Protocols: "TLSv1 TLSv1.1 TLSv1.2", ExtraDirectives: "ssl_ciphers 'ALL:@SECLEVEL=0';"),
            new NginxSite(Ports["tls13"], cert, key, Protocols: "TLSv1.3"),
            new NginxSite(Ports["weak"], cert, key, Protocols: "TLSv1.2", ExtraDirectives: "ssl_ciphers 'NULL-SHA:AES128-SHA:AES256-SHA256:@SECLEVEL=0'; ssl_prefer_server_ciphers on;"),
            new NginxSite(Ports["rsa1024"], smallCert, smallKey, Protocols: "TLSv1.2 TLSv1.3", ExtraDirectives: "ssl_ciphers 'DEFAULT:@SECLEVEL=0';"),
            new NginxSite(Ports["mtls"], cert, key, ExtraDirectives: $"ssl_verify_client on; ssl_client_certificate {clientCas};"),
        ]);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        Directory.Dispose();
    }
}
