using Certwright.Tests.Authority.TestSupport;
using Certwright.Authority;
using Certwright.Authority.Ocsp;
using Certwright.Server;
using Certwright.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Authority.Ocsp;

/// <summary>The real Kestrel host on a loopback port, answering for a test CA with a good and a revoked leaf; PEM files for openssl.</summary>
internal sealed class OcspHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OcspHttpServer(WebApplication app, OcspResponder responder, OcspTestCa ca, InMemoryAuthorityStore store, TempDirectory files, Uri url, X509Certificate good, X509Certificate revoked)
    {
        _app = app;
        Responder = responder;
        Ca = ca;
        Store = store;
        Files = files;
        Url = url;
        Good = good;
        Revoked = revoked;
    }

    public OcspResponder Responder { get; }

    public OcspTestCa Ca { get; }

    public InMemoryAuthorityStore Store { get; }

    public TempDirectory Files { get; }

    public Uri Url { get; }

    public X509Certificate Good { get; }

    public X509Certificate Revoked { get; }

    public static async Task<OcspHttpServer> StartAsync(OcspResponderOptions? options = null)
    {
        var ca = new OcspTestCa();
        var store = new InMemoryAuthorityStore();
        var good = await ca.IssueAsync(store, "good.test");
        var revoked = await ca.IssueAsync(store, "revoked.test", highBit: true);
        await store.RevokeAsync(ca.Name, revoked.SerialNumber.ToByteArray(), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), RevocationReason.KeyCompromise, CancellationToken.None);
        var files = new TempDirectory();
        files.Write("root.pem", OcspTestCa.Pem(ca.Root));
        files.Write("ca.pem", OcspTestCa.Pem(ca.Issuing));
        files.Write("good.pem", OcspTestCa.Pem(good));
        files.Write("revoked.pem", OcspTestCa.Pem(revoked));
        Directory.CreateDirectory(files.File("crl"));
        var responder = await OcspResponder.StartAsync(store, [ca.Authority], options ?? new OcspResponderOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, null, CancellationToken.None);
        var port = FreePort.Next();
        var app = CertwrightServer.Build(new CertwrightServerOptions
        {
            Listen = new Uri($"http://127.0.0.1:{port}"),
            Ocsp = responder,
            Authorities = [ca.Record],
            CrlDirectory = files.File("crl"),
        });
        await app.StartAsync();
        return new OcspHttpServer(app, responder, ca, store, files, new Uri($"http://127.0.0.1:{port}/"), good, revoked);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Responder.DisposeAsync();
        Ca.Dispose();
        Files.Dispose();
    }
}
