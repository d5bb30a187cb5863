using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Authority;

/// <summary><c>ca init|list|cert</c>, <c>issue</c> and <c>revoke</c> against the published executable.</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CaCommandTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();
    private string? _passphrase;

    public void Dispose() => _session.Dispose();

    private string Passphrase => _passphrase ??= _session.Work.Write("passphrase", "cli passphrase 1234\n");

    private async Task<(string Root, string Intermediate)> InitAsync(params string[] extra)
    {
        (await _session.RunAsync(["ca", "init", "corp", "--key-passphrase-file", Passphrase, .. extra])).ExpectExit(0);
        var root = _session.Work.Write("root.pem", (await _session.RunAsync("ca", "cert", "corp", "--root")).ExpectExit(0).StandardOutput);
        var intermediate = _session.Work.Write("intermediate.pem", (await _session.RunAsync("ca", "cert", "corp")).ExpectExit(0).StandardOutput);
        return (root, intermediate);
    }

    [Fact]
    public async Task InitListCert_CreatesCaListedInJsonWhoseIntermediateVerifiesAgainstTheRoot()
    {
        var (root, intermediate) = await InitAsync("--key-type", "ec-p384", "--public-url", "http://127.0.0.1:8080", "--permit-dns", "internal");

        var list = (await _session.RunAsync("ca", "list", "--json")).ExpectExit(0).Json("ca-list");
        var ca = list.Array("cas").Single();
        var text = await OpenSsl.RunAsync("x509", "-in", intermediate, "-noout", "-text");

        Assert.Equal(("corp", "ec-p384", "file", "CN=corp Issuing CA", "http://127.0.0.1:8080/"), (ca.Str("name"), ca.Str("keyType"), ca.Str("keyStore"), ca.Str("issuingSubject"), ca.Str("publicUrl")));
        Assert.Equal($"{intermediate}: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", root, intermediate));
        Assert.Contains("Permitted:\n                  DNS:internal", text, StringComparison.Ordinal);
        var table = (await _session.RunAsync("ca", "list")).ExpectExit(0);
        Assert.StartsWith("NAME  KEY      STORE  ISSUING CA", table.OutputLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_SameNameTwice_OneLineErrorAndExit1()
    {
        await InitAsync();

        var run = await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", Passphrase);

        run.ExpectExit(1).ExpectOneLineError("a CA named 'corp' exists; choose another name ('certwright ca list' shows them)");
    }

    [Fact]
    public async Task IssueWithCn_WritesChainAndKey0600_OpensslVerifiesAndKeyMatches()
    {
        var (root, _) = await InitAsync();
        var prefix = _session.Work.File("api");

        var run = (await _session.RunAsync("issue", "--ca", "corp", "--profile", "server", "--cn", "api.internal", "--san", "10.0.0.7", "--out", prefix, "--key-passphrase-file", Passphrase, "--json")).ExpectExit(0);

        var issued = run.Json("issued");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));
        var crt = await File.ReadAllTextAsync(prefix + ".crt");
        Assert.Equal(2, crt.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        Assert.Equal($"{prefix}.crt: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", root, "-untrusted", prefix + ".crt", prefix + ".crt"));
        Assert.Equal(await OpenSsl.RunAsync("pkey", "-in", prefix + ".key", "-pubout"), await OpenSsl.RunAsync("x509", "-in", prefix + ".crt", "-noout", "-pubkey"));
        Assert.Equal("serial=" + issued.Str("serial") + "\n", await OpenSsl.RunAsync("x509", "-in", prefix + ".crt", "-noout", "-serial"));
        Assert.Equal(("server", "CN=api.internal"), (issued.Str("profile"), issued.Str("subject")));
    }

    [Fact]
    public async Task IssueWithOpensslCsr_SignsTheCsrKeyAndWritesNoKeyFile()
    {
        var (root, _) = await InitAsync();
        var csr = _session.Work.File("client.csr");
        await OpenSsl.RunAsync("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", _session.Work.File("csr-key.pem"), "-out", csr, "-subj", "/CN=billing", "-addext", "subjectAltName=URI:spiffe://example.org/billing");
        var prefix = _session.Work.File("client");

        (await _session.RunAsync("issue", "--ca", "corp", "--profile", "client", "--csr", csr, "--out", prefix, "--key-passphrase-file", Passphrase)).ExpectExit(0);

        var text = await OpenSsl.RunAsync("x509", "-in", prefix + ".crt", "-noout", "-text");
        Assert.False(File.Exists(prefix + ".key"));
        Assert.Contains("URI:spiffe://example.org/billing", text, StringComparison.Ordinal);
        Assert.Contains("TLS Web Client Authentication", text, StringComparison.Ordinal);
        Assert.Equal($"{prefix}.crt: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", root, "-untrusted", prefix + ".crt", "-purpose", "sslclient", prefix + ".crt"));
    }

    [Theory]
    [InlineData(new[] { "--profile", "server", "--cn", "a.internal", "--validity", "91d" }, "validity 91d exceeds the maximum of profile 'server' (90d); ask for --validity 90d or less")]
    [InlineData(new[] { "--profile", "server", "--san", "uri:spiffe://x/y" }, "SAN 'uri:spiffe://x/y' is not allowed by profile 'server' (allowed: dns:*, ip:*)")]
    [InlineData(new[] { "--profile", "gold", "--cn", "a.internal" }, "unknown profile 'gold'; use one of server, client, server-client, short-lived")]
    public async Task Issue_OutsideProfile_OneLineErrorAndNoFiles(string[] arguments, string message)
    {
        await InitAsync();
        var prefix = _session.Work.File("refused");

        var run = await _session.RunAsync(["issue", "--ca", "corp", .. arguments, "--out", prefix, "--key-passphrase-file", Passphrase]);

        run.ExpectExit(1).ExpectOneLineError(message);
        Assert.False(File.Exists(prefix + ".crt"));
    }

    [Fact]
    public async Task Issue_CsrWithBadSignature_OneLineError()
    {
        await InitAsync();
        var csr = _session.Work.File("bad.csr");
        await OpenSsl.RunAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null", "-out", csr, "-subj", "/CN=x.internal", "-outform", "DER");
        var bytes = await File.ReadAllBytesAsync(csr);
        bytes[^5] ^= 0x01;
        await File.WriteAllBytesAsync(csr, bytes);

        var run = await _session.RunAsync("issue", "--ca", "corp", "--profile", "server", "--csr", csr, "--out", _session.Work.File("x"), "--key-passphrase-file", Passphrase);

        run.ExpectExit(1).ExpectOneLineError($"CSR '{csr}' has a bad signature (not signed by its own key); make a new CSR");
    }

    [Fact]
    public async Task Revoke_BySerialThenAgain_RevokedThenAlreadyRevoked()
    {
        await InitAsync();
        var prefix = _session.Work.File("gone");
        var serial = (await _session.RunAsync("issue", "--ca", "corp", "--profile", "short-lived", "--cn", "gone.internal", "--out", prefix, "--key-passphrase-file", Passphrase, "--json")).ExpectExit(0).Json("issued").Str("serial");

        var first = (await _session.RunAsync("revoke", serial, "--reason", "keyCompromise", "--json")).ExpectExit(0).Json("revocation");
        var second = (await _session.RunAsync("revoke", serial.ToLowerInvariant())).ExpectExit(0);
        var unknown = await _session.RunAsync("revoke", "0A0B0C");

        Assert.Equal(("corp", serial, "keyCompromise", false), (first.Str("ca"), first.Str("serial"), first.Str("reason"), first.Bool("alreadyRevoked")));
        Assert.Equal($"serial {serial} of CA corp was already revoked; the first revocation stands", Assert.Single(second.OutputLines));
        unknown.ExpectExit(1).ExpectOneLineError("no certificate with serial or fingerprint '0A0B0C'; check the value (openssl x509 -noout -serial)");
    }

    [Fact]
    public async Task IssueBatch_CsrDirectory_EveryCertificateWrittenAndInTheLedger()
    {
        var (root, intermediate) = await InitAsync();
        var csrs = Directory.CreateDirectory(_session.Work.File("csrs")).FullName;
        for (var i = 0; i < 4; i++)
        {
            await OpenSsl.RunAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null", "-out", Path.Combine(csrs, $"h{i}.csr"), "-subj", $"/CN=h{i}.internal");
        }

        var run = (await _session.RunAsync("issue", "--ca", "corp", "--profile", "server", "--csr-dir", csrs, "--out-dir", _session.Work.File("out"), "--key-passphrase-file", Passphrase)).ExpectExit(0);

        Assert.StartsWith("issued 4 of 4 certificates in ", Assert.Single(run.OutputLines), StringComparison.Ordinal);
        foreach (var i in Enumerable.Range(0, 4))
        {
            var crt = _session.Work.File($"out/h{i}.crt");
            Assert.Equal($"{crt}: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", root, "-untrusted", intermediate, crt));
            var fingerprint = (await OpenSsl.RunAsync("x509", "-in", crt, "-noout", "-fingerprint", "-sha256")).Split('=')[1].Trim().Replace(":", "", StringComparison.Ordinal);
            (await _session.RunAsync("revoke", fingerprint.ToLowerInvariant(), "--reason", "superseded")).ExpectExit(0);
        }
    }
}
