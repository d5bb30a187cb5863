using System.Globalization;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Verify;

[Collection(CliCollection.Name)]
public sealed class VerifyCommandTests(CliFixture cli, VerifyPkiFixture pki) : IClassFixture<VerifyPkiFixture>, IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Verify_ValidChain_PrintsOkAndThePath()
    {
        var run = (await _session.RunAsync("verify", pki.LeafFile, "--chain", pki.IntermediateFile, "--ca-file", pki.RootFile)).ExpectExit(0);

        var lines = run.OutputLines;
        Assert.Equal($"{pki.LeafFile}: OK", lines[0]);
        Assert.StartsWith($"  depth 0: CN=svc.example.test  (certificate, until {JsonAssert.Format(pki.Leaf.Certificate.NotAfter.ToUniversalTime())}, sha256 {pki.Leaf.Sha256[..16]})", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  depth 1: CN=Verify Intermediate  (intermediate, ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("  depth 2: CN=Verify Root  (trust anchor, ", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Count);
        Assert.Empty(run.StandardError);
    }

    [Fact]
    public async Task Verify_ChainInTheSameFile_IsUsedAsPresented()
    {
        var json = (await _session.RunAsync("verify", pki.FullChainFile, "--ca-file", pki.RootFile, "--json")).ExpectExit(0).Json("verify-result");

        Assert.Equal(["Target", "Presented", "TrustStore"], json.Array("path").Select(p => p.Str("source")));
    }

    [Theory]
    [InlineData("der")]
    [InlineData("pkcs7")]
    public async Task Verify_OtherFormats_AreRead(string format)
    {
        string[] arguments;
        if (format == "der")
        {
            var der = _session.Work.WriteDer("leaf.der", pki.Leaf);
            arguments = ["verify", der, "--chain", pki.IntermediateFile, "--ca-file", pki.RootFile, "--json"];
        }
        else
        {
            var p7b = _session.Work.File("chain.p7b");
            await OpenSsl.RunAsync("crl2pkcs7", "-nocrl", "-certfile", pki.LeafFile, "-certfile", pki.IntermediateFile, "-out", p7b);
            arguments = ["verify", p7b, "--ca-file", pki.RootFile, "--json"];
        }

        var json = (await _session.RunAsync(arguments)).ExpectExit(0).Json("verify-result");

        Assert.Equal(pki.Leaf.Sha256, json.GetProperty("certificate").Str("sha256"));
        Assert.Equal(3, json.Array("path").Length);
    }

    [Fact]
    public async Task Verify_PasswordProtectedPkcs12_ReadWithPasswordFileOrEnvironment()
    {
        var p12 = _session.Work.File("leaf.p12");
        await OpenSsl.RunAsync("pkcs12", "-export", "-in", pki.LeafFile, "-inkey", pki.KeyFile, "-certfile", pki.IntermediateFile, "-passout", "pass:verify-p12-secret", "-out", p12);
        var passwords = _session.Work.Write("passwords.txt", "wrong-one\nverify-p12-secret\n");

        var without = (await _session.RunAsync("verify", p12, "--ca-file", pki.RootFile)).ExpectExit(1);
        var withFile = (await _session.RunAsync("verify", p12, "--ca-file", pki.RootFile, "--password-file", passwords, "--json")).ExpectExit(0).Json("verify-result");
        _session.ExtraEnvironment["CERTWRIGHT_KEYSTORE_PASSWORD"] = "verify-p12-secret";
        var withEnvironment = (await _session.RunAsync("verify", p12, "--ca-file", pki.RootFile, "--json")).ExpectExit(0).Json("verify-result");

        without.ExpectOneLineError($"{p12}: cannot open PKCS#12 file: it needs a password; give it with --password-file or CERTWRIGHT_KEYSTORE_PASSWORD");
        Assert.DoesNotContain("verify-p12-secret", without.StandardError, StringComparison.Ordinal);
        foreach (var json in new[] { withFile, withEnvironment })
        {
            Assert.Equal(pki.Leaf.Sha256, json.GetProperty("certificate").Str("sha256"));
            Assert.Equal(["Target", "Presented", "TrustStore"], json.Array("path").Select(p => p.Str("source")));
        }
    }

    public static TheoryData<string, int, string> Verdicts => new()
    {
        { "", 0, "" },
        { "--host svc.example.test --purpose server", 0, "" },
        { "--host other.example.test", 2, "0:hostname-mismatch:62" },
        // openssl says 64 (IP address mismatch) here; Certwright maps every name mismatch to 62.
        { "--host 127.0.0.1", 2, "0:hostname-mismatch:62" },
        { "--purpose client", 2, "0:wrong-purpose:26" },
        { "--at {in 200 days, ISO 8601}", 2, "0:expired:10" },
        { "--at {20 days ago, @UNIXSECONDS}", 2, "0:not-yet-valid:9" },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public async Task Verify_Options_GiveTheVerdictAndErrorCodes(string options, int exitCode, string errors)
    {
        // Times are placeholders, resolved when the test runs: theory data is made at discovery.
        var resolved = options
            .Replace("{in 200 days, ISO 8601}", Iso(Expiry.InDays(200)), StringComparison.Ordinal)
            .Replace("{20 days ago, @UNIXSECONDS}", "@" + DateTimeOffset.UtcNow.AddDays(-20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        string[] arguments = ["verify", pki.LeafFile, "--chain", pki.IntermediateFile, "--ca-file", pki.RootFile, "--json", .. resolved.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

        var json = (await _session.RunAsync(arguments)).ExpectExit(exitCode).Json("verify-result");

        Assert.Equal(exitCode == 0, json.Bool("valid"));
        Assert.Equal(errors, string.Join(' ', json.Array("errors").Select(e => $"{e.Int("depth")}:{e.Str("code")}:{e.Int("opensslCode")}")));
        Assert.Equal(
            json.Array("errors").Where(e => !e.Bool("warning")).Select(e => e.Str("code")).Distinct(),
            json.Array("findings").Where(f => f.Str("severity") == "critical").Select(f => f.Str("code")).Distinct());
    }

    [Fact]
    public async Task Verify_MissingIntermediate_IsInvalid()
    {
        var json = (await _session.RunAsync("verify", pki.LeafFile, "--ca-file", pki.RootFile, "--json")).ExpectExit(2).Json("verify-result");

        Assert.False(json.Bool("valid"));
        Assert.Equal([("incomplete-chain", "critical")], json.Findings());
    }

    [Fact]
    public async Task Verify_Json_DescribesCertificatePathAndTime()
    {
        var at = DateTimeOffset.UtcNow.AddDays(3);

        var json = (await _session.RunAsync("verify", pki.LeafFile, "--chain", pki.IntermediateFile, "--ca-file", pki.RootFile, "--at", Iso(at), "--json"))
            .ExpectExit(0).Json("verify-result");

        Assert.Equal(pki.LeafFile, json.Str("file"));
        Assert.True(json.Bool("valid"));
        Assert.Equal(Iso(at), json.Str("validationTime"));
        Assert.Equal("Rfc5280", json.Str("profile"));
        var certificate = json.GetProperty("certificate");
        Assert.Equal((pki.Leaf.Sha256, "CN=svc.example.test", "CN=Verify Intermediate"), (certificate.Str("sha256"), certificate.Str("subject"), certificate.Str("issuer")));
        Assert.Equal(["DNS:svc.example.test"], certificate.Strings("subjectAlternativeNames"));
        Assert.Equal(("RSA 2048", "rsa", 2048, false, false), (certificate.Str("key"), certificate.Str("keyAlgorithm"), certificate.Int("keyBits"), certificate.Bool("isCa"), certificate.Bool("selfSigned")));
        var path = json.Array("path");
        Assert.Equal([pki.Leaf.Sha256, pki.Intermediate.Sha256, pki.Root.Sha256], path.Select(p => p.Str("sha256")));
        Assert.Equal([false, false, true], path.Select(p => p.Bool("trustAnchor")));
        Assert.Equal(["CN=Verify Intermediate", "CN=Verify Root", "CN=Verify Root"], path.Select(p => p.Str("issuer")));
        Assert.All(path, p => Assert.True(p.Time("notBefore") < p.Time("notAfter")));
        Assert.Empty(json.Array("findings"));
        Assert.Empty(json.Array("errors"));
    }

    [Theory]
    [InlineData("--at", "next tuesday", "--at: 'next tuesday' is not a time")]
    [InlineData("--purpose", "email", "--purpose: 'email' is not a purpose; use server, client or any")]
    [InlineData("--chain", "/nonexistent/chain.pem", "/nonexistent/chain.pem")]
    [InlineData("--ca-file", "/nonexistent/ca.pem", "/nonexistent/ca.pem")]
    public async Task Verify_BadOption_FailsWithOneLineError(string option, string value, string message)
    {
        string[] trust = option == "--ca-file" ? [] : ["--ca-file", pki.RootFile];

        var run = await _session.RunAsync(["verify", pki.LeafFile, .. trust, option, value], CliSession.DefaultTimeout);

        run.ExpectExit(1).ExpectOneLineError(message);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task Verify_MissingFile_IsUnreadableInput()
    {
        var missing = _session.Work.File("missing.pem");

        (await _session.RunAsync("verify", missing, "--ca-file", pki.RootFile)).ExpectExit(1).ExpectOneLineError(missing);
    }

    [Fact]
    public async Task Verify_FileWithoutCertificate_IsUnreadableInput()
    {
        (await _session.RunAsync("verify", pki.KeyFile, "--ca-file", pki.RootFile)).ExpectExit(1).ExpectOneLineError("no certificate found");
    }

    [Fact]
    public async Task Verify_CorruptFile_IsUnreadableInput()
    {
        var corrupt = _session.Work.Write("corrupt.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        (await _session.RunAsync("verify", corrupt, "--ca-file", pki.RootFile)).ExpectExit(1).ExpectOneLineError(corrupt);
    }

    /// <summary>The same files, the same question, asked of openssl verify: the verdicts agree.</summary>
    [Theory]
    [InlineData("chain", true, "", "")]
    [InlineData("no intermediate", false, "", "")]
    [InlineData("client purpose", false, "--purpose client", "-purpose sslclient")]
    [InlineData("server purpose", true, "--purpose server", "-purpose sslserver")]
    [InlineData("other host", false, "--host other.example.test", "-verify_hostname other.example.test")]
    [InlineData("in 200 days", false, "--at +200d", "-attime +200d")]
    public async Task Verify_SameQuestion_AgreesWithOpensslVerify(string scenario, bool valid, string options, string opensslOptions)
    {
        var withIntermediate = scenario != "no intermediate";
        var at = DateTimeOffset.UtcNow.AddDays(200).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        List<string> ours = ["verify", pki.LeafFile, "--ca-file", pki.RootFile];
        List<string> theirs = ["verify", "-CAfile", pki.RootFile];
        if (withIntermediate)
        {
            ours.AddRange(["--chain", pki.IntermediateFile]);
            theirs.AddRange(["-untrusted", pki.IntermediateFile]);
        }

        ours.AddRange(options.Replace("+200d", "@" + at, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        theirs.AddRange(opensslOptions.Replace("+200d", at, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        theirs.Add(pki.LeafFile);

        var certwright = await _session.RunAsync([.. ours], CliSession.DefaultTimeout);
        var openssl = await OpenSsl.TryRunAsync([.. theirs]);

        Assert.True((openssl.ExitCode == 0) == valid, $"openssl verify disagrees with the expected verdict for '{scenario}': {openssl.StandardOutput}{openssl.StandardError}");
        certwright.ExpectExit(valid ? 0 : 2);
    }

    private static string Iso(DateTimeOffset instant) => JsonAssert.Format(instant);
}
