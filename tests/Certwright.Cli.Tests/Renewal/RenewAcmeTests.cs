using System.Globalization;
using System.Text.Json;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Cli.Tests.Integration;
using Certwright.Tests.Acme.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Renewal;

/// <summary>
/// <c>managed add --acme</c> and <c>renew</c> with the published executable against real ACME CAs: Pebble (challenges
/// really validated) and Certwright's own ACME server (which offers renewal information, RFC 9773).
/// </summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RenewAcmeTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Renew_FromPebbleHttp01_DeploysDirAndP12_RollsKeyOver_RevokesAtCa_ThenCaDownKeepsOldCertificate()
    {
        var pebble = await PebbleServer.StartAsync();
        var dir = _session.Work.File("deploy/app");
        var p12 = _session.Work.File("deploy/app.p12");
        var password = _session.Work.Write("p12-password", "p12 password 5678\n");
        // A copy: Pebble's own folder goes when it is stopped below, and the CA must then be unreachable, not untrusted.
        var caFile = _session.Work.Write("pebble-tls-ca.pem", await File.ReadAllTextAsync(pebble.CaFile));
        (await _session.RunAsync(
            "managed", "add", "app", "--acme", pebble.DirectoryUrl.ToString(), "--acme-ca-file", caFile, "--email", "ops@example.test",
            "--challenge", "http-01", "--http-port", Port(pebble.Settings.HttpPort), "--domain", "app.example.test", "--domain", "www.app.example.test",
            "--deploy-dir", dir, "--deploy-p12", p12, "--p12-password-file", password)).ExpectExit(0);

        var first = (await _session.RunAsync("renew")).ExpectExit(0);
        var root = _session.Work.Write("pebble-root.pem", await pebble.RootPemAsync(0));
        var verified = await OpenSsl.RunAsync("verify", "-CAfile", root, "-untrusted", Path.Combine(dir, "chain.pem"), Path.Combine(dir, "cert.pem"));
        var sans = await OpenSsl.RunAsync("x509", "-in", Path.Combine(dir, "cert.pem"), "-noout", "-ext", "subjectAltName");
        var p12Subject = await OpenSsl.RunAsync("pkcs12", "-in", p12, "-passin", $"file:{password}", "-nokeys", "-clcerts");
        var deployed = await File.ReadAllTextAsync(Path.Combine(dir, "cert.pem"));
        var second = (await _session.RunAsync("renew")).ExpectExit(0);
        var accountKey = Assert.Single(Directory.GetFiles(Path.Combine(_session.DataDirectory, "acme"), "account.key", SearchOption.AllDirectories));
        var keyBefore = await File.ReadAllTextAsync(accountKey);
        var rolled = (await _session.RunAsync("managed", "rollover-key", "app")).ExpectExit(0);
        // The account now signs with the new key only: a forced renewal through it still gets a certificate.
        var afterRollover = (await _session.RunAsync("renew", "--force")).ExpectExit(0);
        var renewed = await File.ReadAllTextAsync(Path.Combine(dir, "cert.pem"));
        var revoked = (await _session.RunAsync("revoke", "--managed", "app", "--reason", "superseded")).ExpectExit(0);
        var pebbleStatus = await pebble.CertificateStatusAsync(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(renewed).RawData);
        var firstStatus = await pebble.CertificateStatusAsync(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(deployed).RawData);

        // The CA goes away: a forced renewal fails, says why, and leaves the deployed certificate in place.
        await pebble.DisposeAsync();
        var down = (await _session.RunAsync("renew", "--force")).ExpectExit(1);

        Assert.StartsWith("renewed app (default): ", first.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal($"{Path.Combine(dir, "cert.pem")}: OK\n", verified);
        Assert.Contains("DNS:app.example.test, DNS:www.app.example.test", sans, StringComparison.Ordinal);
        Assert.Contains("subject=CN = app.example.test", p12Subject, StringComparison.Ordinal);
        Assert.Equal(["renew: 1 managed: 0 renewed, 1 not due, 0 failed, 0 not served"], second.OutputLines);
        Assert.StartsWith($"rolled over the account key at {pebble.DirectoryUrl}: new key thumbprint ", rolled.OutputLines[0], StringComparison.Ordinal);
        Assert.NotEqual(keyBefore, await File.ReadAllTextAsync(accountKey));
        Assert.Equal("renew: 1 managed: 1 renewed, 0 not due, 0 failed, 0 not served", afterRollover.OutputLines[^1]);
        Assert.NotEqual(deployed, renewed);
        Assert.StartsWith("revoked ", revoked.OutputLines[0], StringComparison.Ordinal);
        Assert.EndsWith($"… of managed certificate app at {pebble.DirectoryUrl} (superseded); 'certwright renew --force --namespace default' replaces it", revoked.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("Revoked", pebbleStatus);
        Assert.Equal("Valid", firstStatus);
        Assert.StartsWith(Path.Combine(_session.DataDirectory, "acme", "127.0.0.1-"), accountKey, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(accountKey));
        var error = Assert.Single(down.ErrorLines);
        Assert.StartsWith($"certwright: renewal-failed: app: cannot renew 'app' from acme {pebble.DirectoryUrl}: ", error, StringComparison.Ordinal);
        Assert.True(error.Contains($"cannot reach ACME server https://127.0.0.1:{pebble.DirectoryUrl.Port}", StringComparison.Ordinal), error);
        Assert.Equal(renewed, await File.ReadAllTextAsync(Path.Combine(dir, "cert.pem")));
    }

    [Fact]
    public async Task Renew_FromCertwrightAcmeServer_UsesItsRenewalInfoWindow()
    {
        var ca = await PrivateCa.InitAsync(_session, "corp", FreePort.Next());
        var tls = await ca.IssueAsync("server", "tls", "--cn", "127.0.0.1", "--san", "ip:127.0.0.1");
        var httpPort = FreePort.Next();
        var url = $"https://127.0.0.1:{ca.ServePort}";
        await using var serve = await ServeProcess.StartAsync(
            _session, url, ca.PassphraseFile, "--tls-cert", tls.Certificate, "--tls-key", tls.Key,
            "--acme-http-port", Port(httpPort), "--acme-resolve", "api.corp.test=127.0.0.1");
        var dir = _session.Work.File("deploy/api");
        (await _session.RunAsync(
            "managed", "add", "api", "--acme", $"{url}/acme/corp/directory", "--acme-ca-file", ca.Root, "--http-port", Port(httpPort),
            "--domain", "api.corp.test", "--deploy-dir", dir)).ExpectExit(0);

        (await _session.RunAsync("renew")).ExpectExit(0);
        var verified = await OpenSsl.RunAsync("verify", "-CAfile", ca.Root, "-untrusted", ca.Intermediate, "-purpose", "sslserver", Path.Combine(dir, "cert.pem"));
        var next = (await _session.RunAsync("renew", "--json")).ExpectExit(0);
        var before = await File.ReadAllTextAsync(Path.Combine(dir, "cert.pem"));
        // A forced renewal names the certificate it replaces (RFC 9773 'replaces'), which the server accepts.
        var forced = (await _session.RunAsync("renew", "--force")).ExpectExit(0);

        Assert.Equal($"{Path.Combine(dir, "cert.pem")}: OK\n", verified);
        var outcome = JsonDocument.Parse(next.StandardOutput).RootElement.GetProperty("certificates")[0];
        Assert.Equal("notDue", outcome.GetProperty("status").GetString());
        Assert.Equal("not due yet (the CA's renewal window, ARI)", outcome.GetProperty("reason").GetString());
        var (notBefore, notAfter) = await ValidityAsync(Path.Combine(dir, "cert.pem"));
        var renewAt = outcome.GetProperty("renewAt").GetDateTimeOffset();
        var lifetime = notAfter - notBefore;
        Assert.InRange(renewAt, notBefore + (lifetime * 2 / 3) - TimeSpan.FromSeconds(1), notBefore + (lifetime * 5 / 6) + TimeSpan.FromSeconds(1));
        Assert.Equal("renew: 1 managed: 1 renewed, 0 not due, 0 failed, 0 not served", forced.OutputLines[^1]);
        Assert.NotEqual(before, await File.ReadAllTextAsync(Path.Combine(dir, "cert.pem")));
        Assert.Contains("http-01 for 'api.corp.test' valid", serve.Output, StringComparison.Ordinal);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<(DateTimeOffset NotBefore, DateTimeOffset NotAfter)> ValidityAsync(string pem)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(pem));
        return (new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }
}
