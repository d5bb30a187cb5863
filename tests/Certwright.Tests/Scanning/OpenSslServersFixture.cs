using System.Net;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning;

/// <summary>
/// One PKI (root, intermediate, leaves valid, expired, not yet valid, for another host, self-signed) and one
/// <c>openssl s_server</c> per way a server can present it, started once for the test class.
/// </summary>
public sealed class OpenSslServersFixture : IAsyncLifetime
{
    private readonly List<BackgroundServer> _servers = [];

    public TempDirectory Directory { get; } = new();

    public TestCertificate Root { get; } = TestPki.CreateRoot("Scan Test Root", notBefore: DateTimeOffset.UtcNow.AddDays(-60));

    public TestCertificate ClientCa { get; } = TestPki.CreateRoot("Scan Test Client CA");

    public TestCertificate Intermediate { get; private set; } = null!;

    public TestCertificate Leaf { get; private set; } = null!;

    public TestCertificate Expired { get; private set; } = null!;

    public TestCertificate NotYetValid { get; private set; } = null!;

    public TestCertificate WrongHost { get; private set; } = null!;

    public TestCertificate SelfSigned { get; } = TestPki.CreateSelfSignedLeaf("self.test");

    public byte[] OcspResponse { get; private set; } = [];

    public Dictionary<string, int> Ports { get; } = [];

    public async Task InitializeAsync()
    {
        Intermediate = TestPki.CreateIntermediate(Root, "Scan Test Intermediate", notBefore: DateTimeOffset.UtcNow.AddDays(-60));
        var now = DateTimeOffset.UtcNow;
        Leaf = TestPki.CreateLeaf(Intermediate, "localhost", ["localhost"], [IPAddress.Loopback]);
        Expired = TestPki.CreateLeaf(Intermediate, "localhost", notBefore: now.AddDays(-30), notAfter: now.AddDays(-1));
        NotYetValid = TestPki.CreateLeaf(Intermediate, "localhost", notBefore: now.AddDays(10), notAfter: now.AddDays(40));
        WrongHost = TestPki.CreateLeaf(Intermediate, "other.example", ["other.example"]);

        var intermediatePem = Directory.Write("intermediate.pem", Intermediate.CertificatePem);
        Directory.Write("root.pem", Root.CertificatePem);
        var rootThenIntermediate = Directory.Write("root-intermediate.pem", TestPki.Bundle(Root, Intermediate));
        var clientCas = Directory.Write("client-cas.pem", TestPki.Bundle(ClientCa, Root));
        OcspResponse = await MakeOcspResponseAsync();
        var ocspPath = Directory.Write("ocsp.der", OcspResponse);

        await Task.WhenAll(
            StartAsync("valid", Leaf, "-cert_chain", intermediatePem),
            StartAsync("expired", Expired, "-cert_chain", intermediatePem),
            StartAsync("not-yet-valid", NotYetValid, "-cert_chain", intermediatePem),
            StartAsync("wrong-host", WrongHost, "-cert_chain", intermediatePem),
            StartAsync("self-signed", SelfSigned),
            StartAsync("leaf-only", Leaf),
            StartAsync("wrong-order", Leaf, "-cert_chain", rootThenIntermediate),
            StartAsync("ocsp", Leaf, "-cert_chain", intermediatePem, "-status_file", ocspPath),
            StartAsync("tls12", Leaf, "-cert_chain", intermediatePem, "-tls1_2"),
            StartAsync("tls13", Leaf, "-cert_chain", intermediatePem, "-tls1_3"),
            StartAsync("tls10", Leaf, "-cert_chain", intermediatePem, "-tls1", "-cipher", "ALL:@SECLEVEL=0"),
            StartAsync("client-cert", Leaf, "-cert_chain", intermediatePem, "-verify", "1", "-CAfile", clientCas),
            StartAsync("client-cert-tls12", Leaf, "-cert_chain", intermediatePem, "-verify", "1", "-CAfile", clientCas, "-tls1_2"),
            StartAsync("p384-only", Leaf, "-cert_chain", intermediatePem, "-groups", "P-384"));
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Dispose();
    }

    private async Task StartAsync(string name, TestCertificate certificate, params string[] extra)
    {
        var port = FreePort.Next();
        var cert = Directory.Write($"{name}.crt", certificate.CertificatePem);
        var key = Directory.Write($"{name}.key", certificate.PrivateKeyPem);
        var server = await OpenSslServer.StartAsync(port, cert, key, extra);
        lock (_servers)
        {
            _servers.Add(server);
            Ports[name] = port;
        }
    }

    /// <summary>A real OCSP response for the leaf, made by <c>openssl ocsp</c> acting as the intermediate's responder.</summary>
    private async Task<byte[]> MakeOcspResponseAsync()
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        var issuer = Directory.Write("ocsp-issuer.pem", Intermediate.CertificatePem);
        var issuerKey = Directory.Write("ocsp-issuer.key", Intermediate.PrivateKeyPem);
        var leaf = Directory.Write("ocsp-leaf.pem", Leaf.CertificatePem);
        var index = Directory.Write("index.txt", "");
        var request = Directory.File("ocsp-request.der");
        var response = Directory.File("ocsp-response.der");
        (await ProcessResult.RunAsync(openssl, ["ocsp", "-issuer", issuer, "-cert", leaf, "-no_nonce", "-reqout", request])).EnsureSuccess();
        (await ProcessResult.RunAsync(openssl,
        [
            "ocsp", "-index", index, "-CA", issuer, "-rsigner", issuer, "-rkey", issuerKey,
            "-reqin", request, "-respout", response, "-ndays", "1",
        ])).EnsureSuccess();
        return await File.ReadAllBytesAsync(response);
    }
}
