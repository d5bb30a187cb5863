using System.Security.Cryptography;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Renewal;

/// <summary>End to end with the published executable: ca init, managed add --ca, renew, the files, openssl verify.</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RenewCommandTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    private async Task<string> InitCaAsync()
    {
        var passphrase = _session.Work.Write("passphrase", "renew e2e passphrase 1234\n");
        (await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", passphrase)).ExpectExit(0);
        _session.Work.Write("root.pem", (await _session.RunAsync("ca", "cert", "corp", "--root")).ExpectExit(0).StandardOutput);
        return passphrase;
    }

    [Fact]
    public async Task Renew_ManagedFromPrivateCa_DeploysVerifiableFilesThenNothingThenForce()
    {
        var passphrase = await InitCaAsync();
        var dir = _session.Work.File("deploy/web");
        (await _session.RunAsync("managed", "add", "web", "--ca", "corp", "--profile", "server", "--domain", "web.internal", "--domain", "www.web.internal", "--deploy-dir", dir))
            .ExpectExit(0);

        var first = (await _session.RunAsync("renew", "--key-passphrase-file", passphrase)).ExpectExit(0);
        var second = (await _session.RunAsync("renew", "--key-passphrase-file", passphrase)).ExpectExit(0);
        var forced = (await _session.RunAsync("renew", "--force", "--key-passphrase-file", passphrase)).ExpectExit(0);

        Assert.StartsWith("renewed web (default): ", first.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("renew: 1 managed: 1 renewed, 0 not due, 0 failed, 0 not served", first.OutputLines[^1]);
        Assert.Equal(["renew: 1 managed: 0 renewed, 1 not due, 0 failed, 0 not served"], second.OutputLines);
        Assert.Equal("renew: 1 managed: 1 renewed, 0 not due, 0 failed, 0 not served", forced.OutputLines[^1]);
        foreach (var name in new[] { "cert.pem", "chain.pem", "fullchain.pem", "privkey.pem" })
        {
            Assert.True(File.Exists(Path.Combine(dir, name)), name);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(new FileInfo(Path.Combine(dir, "privkey.pem")).ResolveLinkTarget(true)!.FullName));
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", _session.Work.File("root.pem"), "-untrusted", Path.Combine(dir, "chain.pem"), "-purpose", "sslserver", Path.Combine(dir, "cert.pem"));
        Assert.Contains("cert.pem: OK", verify, StringComparison.Ordinal);
        var text = await OpenSsl.RunAsync("x509", "-in", Path.Combine(dir, "cert.pem"), "-noout", "-ext", "subjectAltName");
        Assert.Contains("DNS:web.internal, DNS:www.web.internal", text, StringComparison.Ordinal);
        var certPub = await OpenSsl.RunAsync("x509", "-in", Path.Combine(dir, "cert.pem"), "-noout", "-pubkey");
        Assert.Equal(certPub, await OpenSsl.RunAsync("pkey", "-in", Path.Combine(dir, "privkey.pem"), "-pubout"));
        Assert.NotEqual(Fingerprint(first.OutputLines[0]), Fingerprint(forced.OutputLines[0]));
        Assert.StartsWith(Fingerprint(forced.OutputLines[0]), Sha256(Path.Combine(dir, "cert.pem")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_DryRun_ChangesNothing()
    {
        await InitCaAsync();
        var dir = _session.Work.File("deploy/web");
        (await _session.RunAsync("managed", "add", "web", "--ca", "corp", "--profile", "server", "--domain", "web.internal", "--deploy-dir", dir)).ExpectExit(0);

        // No passphrase given: a dry run never opens the CA key.
        var dry = (await _session.RunAsync("renew", "--dry-run")).ExpectExit(0);

        Assert.Equal(["would renew web (default): no certificate yet", "renew (dry run): 1 managed: 1 due, 0 not due; nothing changed"], dry.OutputLines);
        Assert.False(Directory.Exists(dir));
        var after = (await _session.RunAsync("managed", "list", "--json")).ExpectExit(0).Json("managed-list");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("certificates")[0].GetProperty("lastResult").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("certificates")[0].GetProperty("sha256").ValueKind);
    }

    [Fact]
    public async Task Renew_Failure_ExitsOneWithOneLinePerFailureAndOthersStillRenewed()
    {
        var passphrase = await InitCaAsync();
        _session.Work.Write("blocker", "a file, not a directory");
        (await _session.RunAsync("managed", "add", "good", "--ca", "corp", "--profile", "server", "--domain", "good.internal", "--deploy-dir", _session.Work.File("deploy/good"))).ExpectExit(0);
        (await _session.RunAsync("managed", "add", "bad", "--ca", "corp", "--profile", "server", "--domain", "bad.internal", "--deploy-dir", _session.Work.File("blocker/bad"))).ExpectExit(0);
        (await _session.RunAsync("managed", "add", "reload", "--ca", "corp", "--profile", "server", "--domain", "reload.internal", "--deploy-dir", _session.Work.File("deploy/reload"), "--reload-cmd", "exit 4")).ExpectExit(0);

        var run = (await _session.RunAsync("renew", "--key-passphrase-file", passphrase)).ExpectExit(1);

        Assert.Equal(2, run.ErrorLines.Count);
        Assert.StartsWith($"certwright: deploy-failed: bad: cannot deploy 'bad': cannot deploy to '{_session.Work.File("blocker/bad")}': ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("certwright: deploy-failed: reload: reload command of 'reload' exited with 4; rolled back to the old certificate", run.ErrorLines[1]);
        Assert.Equal("renew: 3 managed: 1 renewed, 0 not due, 2 failed, 0 not served", run.OutputLines[^1]);
        Assert.True(File.Exists(_session.Work.File("deploy/good/cert.pem")));
        var list = (await _session.RunAsync("managed", "list", "--json")).ExpectExit(0).Json("managed-list");
        var bad = list.GetProperty("certificates").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "bad");
        Assert.Equal("failed", bad.GetProperty("lastResult").GetString());
        Assert.Equal(1, bad.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task Renew_Json_ReportsEachCertificate()
    {
        var passphrase = await InitCaAsync();
        (await _session.RunAsync("managed", "add", "web", "--namespace", "prod", "--ca", "corp", "--profile", "server", "--domain", "web.internal", "--deploy-dir", _session.Work.File("deploy/web"))).ExpectExit(0);
        (await _session.RunAsync("managed", "add", "dev", "--namespace", "dev", "--ca", "corp", "--profile", "server", "--domain", "dev.internal", "--deploy-dir", _session.Work.File("deploy/dev"))).ExpectExit(0);

        var json = (await _session.RunAsync("renew", "--namespace", "prod", "--json", "--key-passphrase-file", passphrase)).ExpectExit(0).Json("renew");

        Assert.Equal(1, json.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Equal(1, json.GetProperty("summary").GetProperty("renewed").GetInt32());
        var web = Assert.Single(json.GetProperty("certificates").EnumerateArray());
        Assert.Equal("web", web.GetProperty("name").GetString());
        Assert.Equal("renewed", web.GetProperty("status").GetString());
        Assert.Equal(Sha256(_session.Work.File("deploy/web/cert.pem")), web.GetProperty("sha256").GetString());
        Assert.False(Directory.Exists(_session.Work.File("deploy/dev")));
    }

    [Fact]
    public async Task Managed_AddListRemove_AndBadInputGivesOneLine()
    {
        await InitCaAsync();
        (await _session.RunAsync("managed", "add", "web", "--ca", "corp", "--profile", "server", "--domain", "web.internal", "--deploy-dir", _session.Work.File("d"), "--verify-endpoint", "127.0.0.1:8443", "--reload-cmd", "nginx -s reload"))
            .ExpectExit(0);

        var table = (await _session.RunAsync("managed", "list")).ExpectExit(0);
        (await _session.RunAsync("managed", "add", "x", "--ca", "nope", "--profile", "server", "--domain", "x.internal", "--deploy-dir", "d")).ExpectExit(1).ExpectOneLineError("no CA named 'nope'");
        (await _session.RunAsync("managed", "add", "x", "--ca", "corp", "--profile", "server", "--deploy-dir", "d")).ExpectExit(1).ExpectOneLineError("give at least one --domain NAME");
        (await _session.RunAsync("managed", "add", "x y", "--ca", "corp", "--profile", "server", "--domain", "a", "--deploy-dir", "d")).ExpectExit(1).ExpectOneLineError("managed certificate name 'x y' must be");
        (await _session.RunAsync("managed", "add", "x", "--acme", "https://127.0.0.1:14000/dir", "--challenge", "dns-01", "--domain", "a", "--deploy-dir", "d")).ExpectExit(1).ExpectOneLineError("--challenge dns-01 needs --dns-hook CMD");
        (await _session.RunAsync("managed", "add", "x", "--ca", "corp", "--profile", "server", "--domain", "a")).ExpectExit(1).ExpectOneLineError("give --deploy-dir DIR, --deploy-p12 FILE or --deploy-k8s-secret NS/NAME");
        (await _session.RunAsync("managed", "add", "x", "--ca", "corp", "--profile", "server", "--domain", "a", "--deploy-p12", "a.p12")).ExpectExit(1).ExpectOneLineError("--deploy-p12 needs exactly one of --p12-password-file FILE or --p12-password-env VAR");
        (await _session.RunAsync("managed", "add", "x", "--ca", "corp", "--profile", "server", "--domain", "a", "--deploy-k8s-secret", "prod")).ExpectExit(1).ExpectOneLineError("--deploy-k8s-secret 'prod' is not NAMESPACE/NAME");
        (await _session.RunAsync("managed", "add", "x", "--ca", "corp", "--profile", "server", "--domain", "a", "--deploy-k8s-secret", "Prod/api")).ExpectExit(1).ExpectOneLineError("Kubernetes namespace 'Prod' is not a valid name");
        (await _session.RunAsync("managed", "add", "x", "--acme", "https://127.0.0.1:14000/dir", "--domain", "a", "--deploy-dir", "d", "--eab-kid", "kid-1")).ExpectExit(1).ExpectOneLineError("external account binding needs both --eab-kid and --eab-hmac-file");
        var removed = (await _session.RunAsync("managed", "remove", "web")).ExpectExit(0);
        (await _session.RunAsync("managed", "remove", "web")).ExpectExit(1).ExpectOneLineError("no managed certificate named 'web'");

        Assert.Equal(["NAME", "NAMESPACE", "SOURCE", "DOMAINS", "EXPIRES", "NEXT", "RENEWAL", "LAST", "RESULT"], table.OutputLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["web", "default", "ca", "corp", "(server)", "web.internal", "-", "due", "now", "never"], table.OutputLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("removed managed certificate web; its deployed files stay in place", removed.StandardOutput.TrimEnd());
    }

    [Fact]
    public async Task RevokeManaged_PrivateCa_RevokesCurrentCertificateInLedger()
    {
        var passphrase = await InitCaAsync();
        (await _session.RunAsync("managed", "add", "web", "--ca", "corp", "--profile", "server", "--domain", "web.internal", "--deploy-dir", _session.Work.File("d"))).ExpectExit(0);
        (await _session.RunAsync("revoke", "--managed", "web")).ExpectExit(1).ExpectOneLineError("managed certificate 'web' has no certificate yet; nothing to revoke");
        (await _session.RunAsync("renew", "--key-passphrase-file", passphrase)).ExpectExit(0);

        var revoked = (await _session.RunAsync("revoke", "--managed", "web", "--reason", "keyCompromise", "--key-passphrase-file", passphrase)).ExpectExit(0);
        var serial = (await OpenSsl.RunAsync("x509", "-in", _session.Work.File("d/cert.pem"), "-noout", "-serial")).Trim().Split('=')[1];

        Assert.StartsWith($"revoked serial {serial} 'CN=web.internal' of CA corp (keyCompromise)", revoked.OutputLines[0], StringComparison.Ordinal);
        (await _session.RunAsync("revoke", "--managed", "nope")).ExpectExit(1).ExpectOneLineError("no managed certificate named 'nope'");
        (await _session.RunAsync("revoke", "AB", "--managed", "web")).ExpectExit(1).ExpectOneLineError("give SERIAL|FINGERPRINT or --managed NAME, not both");
    }

    private static string Fingerprint(string renewedLine) => renewedLine.Split(": ")[1].Split('…')[0];

    private static string Sha256(string pemPath)
    {
        var pem = File.ReadAllText(pemPath);
        var fields = PemEncoding.Find(pem);
        return Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(pem[fields.Base64Data])));
    }
}
