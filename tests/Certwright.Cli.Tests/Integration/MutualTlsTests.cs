using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Integration;

/// <summary>
/// mTLS end to end: nginx trusts the private CA for client certificates (<c>ssl_verify_client on</c>) and asks
/// <c>certwright serve</c> whether each client certificate is revoked (<c>ssl_ocsp leaf</c>); curl presents certificates
/// <c>certwright issue --profile client</c> made. nginx answers a refused certificate with HTTP 400 after the handshake.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class MutualTlsTests(CliFixture cli) : IAsyncLifetime
{
    private const string Refused = "<title>400 The SSL certificate error</title>";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly CliSession _session = cli.NewSession();
    private PrivateCa _ca = null!;
    private IssuedFiles _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _ca = await PrivateCa.InitAsync(_session, "corp", FreePort.Next());
        _server = await _ca.IssueAsync("server", "site", "--cn", "localhost", "--san", "dns:localhost", "--san", "127.0.0.1");
        _port = FreePort.Next();
    }

    public Task DisposeAsync()
    {
        _session.Dispose();
        return Task.CompletedTask;
    }

    private string Url => $"https://127.0.0.1:{_port}/";

    /// <summary>Client certificates checked against the CA chain and, for the leaf only, against Certwright's OCSP responder.</summary>
    private NginxSite OcspSite => new(_port, _server.Certificate, _server.Key, ExtraDirectives:
        $"ssl_verify_client on; ssl_client_certificate {_ca.Chain}; ssl_verify_depth 2; ssl_ocsp leaf; ssl_ocsp_responder {_ca.ServeUrl}/ocsp;");

    private Task<CurlResult> CurlAsync(IssuedFiles? client) => TlsClients.CurlAsync(Url, _ca.Root, client?.Certificate, client?.Key);

    [Fact]
    public async Task Curl_ClientCertificate_Gets200_AfterRevokeRefused()
    {
        var client = await _ca.IssueAsync("client", "billing", "--cn", "billing", "--san", "uri:spiffe://corp.test/billing");
        await using var serve = await _ca.ServeAsync();
        await using var nginx = await NginxServer.StartAsync([OcspSite]);

        var before = await CurlAsync(client);
        await _ca.RevokeAsync(client);
        // nginx asks the responder on every connection (no ssl_ocsp_cache); serve re-signs within about a second.
        var after = await Eventually.PollAsync(() => CurlAsync(client), r => r.Status != 200, Bound);

        Assert.True((before.ExitCode, before.Status, before.Body) == (0, 200, "ok\n"), before.ToString());
        Assert.True(after.Status == 400 && after.Body.Contains(Refused, StringComparison.Ordinal), after.ToString());
    }

    [Fact]
    public async Task Curl_ExpiredClientCertificate_AcceptedWhileValidThenRefused()
    {
        // A 15-second certificate: long enough for serve and nginx to start, short enough to wait past its notAfter.
        var client = await _ca.IssueAsync("client", "brief", "--cn", "brief", "--validity", "15s");
        await using var serve = await _ca.ServeAsync();
        await using var nginx = await NginxServer.StartAsync([OcspSite]);

        var valid = await CurlAsync(client);
        var wait = client.NotAfter - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        await Task.Delay(wait);
        var expired = await CurlAsync(client);

        Assert.True(valid.Status == 200, valid.ToString());
        Assert.True(expired.Status == 400 && expired.Body.Contains(Refused, StringComparison.Ordinal), expired.ToString());
        var probe = await OpenSsl.TryRunAsync("verify", "-CAfile", _ca.Chain, client.Certificate);
        Assert.Contains("certificate has expired", probe.StandardError + probe.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curl_ClientCertificateOfAnotherCaOrNone_Refused()
    {
        using var otherSession = cli.NewSession();
        var other = await PrivateCa.InitAsync(otherSession, "other", FreePort.Next());
        var stranger = await other.IssueAsync("client", "stranger", "--cn", "stranger");
        var member = await _ca.IssueAsync("client", "member", "--cn", "member");
        await using var serve = await _ca.ServeAsync();
        await using var nginx = await NginxServer.StartAsync([OcspSite]);

        var accepted = await CurlAsync(member);
        var foreign = await CurlAsync(stranger);
        var none = await CurlAsync(null);

        Assert.True(accepted.Status == 200, accepted.ToString());
        Assert.True(foreign.Status == 400 && foreign.Body.Contains(Refused, StringComparison.Ordinal), foreign.ToString());
        Assert.True(none.Status == 400 && none.Body.Contains("<title>400 No required SSL certificate was sent</title>", StringComparison.Ordinal), none.ToString());
    }

    /// <summary>
    /// <c>ssl_crl</c> instead of OCSP: nginx turns on OpenSSL's CRL_CHECK_ALL, so every CA level needs a CRL. Certwright publishes
    /// the issuing CA's CRL only; alone it makes nginx refuse every client ("unable to get certificate CRL"). With a CRL of the root
    /// as well (made here by openssl from the root key in DATA/keys, which openssl reads with the passphrase), revocation works.
    /// </summary>
    [Fact]
    public async Task NginxSslCrl_IssuingCrlAloneRefusesEveryone_WithARootCrlRevokedRefusedAndGoodAccepted()
    {
        var good = await _ca.IssueAsync("client", "good", "--cn", "good");
        var revoked = await _ca.IssueAsync("client", "revoked", "--cn", "revoked");
        await _ca.RevokeAsync(revoked);
        var issuingCrl = _session.Work.File("corp.crl.pem");
        (await _session.RunAsync("crl", "corp", "--out", issuingCrl, "--key-passphrase-file", _ca.PassphraseFile)).ExpectExit(0);
        var rootCrl = await RootCrlAsync();
        var bothCrls = _session.Work.Write("crls.pem", await File.ReadAllTextAsync(issuingCrl) + await File.ReadAllTextAsync(rootCrl));
        var site = OcspSite with { ExtraDirectives = $"ssl_verify_client on; ssl_client_certificate {_ca.Chain}; ssl_verify_depth 2; ssl_crl {issuingCrl};" };

        CurlResult goodWithIssuingCrl;
        await using (await NginxServer.StartAsync([site]))
        {
            goodWithIssuingCrl = await CurlAsync(good);
        }

        await using var nginx = await NginxServer.StartAsync([site with { ExtraDirectives = site.ExtraDirectives!.Replace(issuingCrl, bothCrls, StringComparison.Ordinal) }]);
        var goodWithBoth = await CurlAsync(good);
        var revokedWithBoth = await CurlAsync(revoked);

        Assert.True(goodWithIssuingCrl.Status == 400 && goodWithIssuingCrl.Body.Contains(Refused, StringComparison.Ordinal), goodWithIssuingCrl.ToString());
        var why = await OpenSsl.TryRunAsync("verify", "-crl_check_all", "-CAfile", _ca.Chain, "-CRLfile", issuingCrl, good.Certificate);
        Assert.Contains("unable to get certificate CRL", why.StandardError + why.StandardOutput, StringComparison.Ordinal);
        Assert.True(goodWithBoth.Status == 200, goodWithBoth.ToString());
        Assert.True(revokedWithBoth.Status == 400 && revokedWithBoth.Body.Contains(Refused, StringComparison.Ordinal), revokedWithBoth.ToString());
    }

    /// <summary>An empty CRL signed by the root key (label corp-root in DATA/keys), through <c>openssl ca -gencrl</c>.</summary>
    private async Task<string> RootCrlAsync()
    {
        var rootKey = Directory.GetFiles(Path.Combine(_session.DataDirectory, "keys"), "*.key")
            .Single(f => File.ReadLines(f).Any(l => l == "Certwright-Key-Label: corp-root"));
        var dir = _session.Work.File("root-ca");
        Directory.CreateDirectory(dir);
        var index = _session.Work.Write("root-ca/index.txt", "");
        var config = _session.Work.Write("root-ca/ca.cnf", $"""
            [ ca ]
            default_ca = root
            [ root ]
            database = {index}
            certificate = {_ca.Root}
            private_key = {rootKey}
            default_md = sha256
            default_crl_days = 7
            """);
        var crl = _session.Work.File("root-ca/root.crl.pem");
        await OpenSsl.RunAsync("ca", "-gencrl", "-config", config, "-passin", "file:" + _ca.PassphraseFile, "-out", crl);
        return crl;
    }
}
