using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Import;

[Collection(CliCollection.Name)]
public sealed class ImportCommandTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Import_EveryFormatWithProblems_RecordsReadableAndExitsOne()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work);

        var run = await _session.RunAsync("import", inputs.Directory, "--password-file", inputs.PasswordFile, "--json");

        run.ExpectExit(1);
        var json = run.Json("import-summary");
        Assert.Equal(6, json.Int("files"));
        Assert.Equal(5, json.Int("certificatesFound"));
        Assert.Equal(5, json.Int("newCertificates"));
        Assert.Equal(0, json.Int("knownCertificates"));
        Assert.Equal(5, json.Int("newLocations"));
        Assert.Equal(0, json.Int("updatedLocations"));
        Assert.True(json.GetProperty("durationSeconds").GetDouble() >= 0);
        var problems = json.Array("problems").OrderBy(p => p.Str("subject"), StringComparer.Ordinal).ToArray();
        Assert.Equal(2, problems.Length);
        Assert.Equal(("corrupt-certificate", "warning", inputs.CorruptFile), (problems[0].Str("code"), problems[0].Str("severity"), problems[0].Str("subject")));
        Assert.StartsWith(inputs.CorruptFile + ": ", problems[0].Str("message"), StringComparison.Ordinal);
        Assert.Equal(("wrong-password", "warning", inputs.WrongPasswordFile), (problems[1].Str("code"), problems[1].Str("severity"), problems[1].Str("subject")));
        Assert.StartsWith(inputs.WrongPasswordFile + ": ", problems[1].Str("message"), StringComparison.Ordinal);
        // Passwords are secrets: never echoed, whatever happened.
        Assert.DoesNotContain(ImportInputs.Pkcs12Password, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(ImportInputs.KeystorePassword, run.StandardOutput + run.StandardError, StringComparison.Ordinal);

        var listed = (await _session.RunAsync("list", "--json")).ExpectExit(0).Json("certificate-list");
        Assert.Equal(5, listed.Int("count"));
        Assert.Equal(inputs.AllReadableSha256.Order(), listed.Array("certificates").Select(c => c.Str("sha256")).Order());
    }

    [Fact]
    public async Task Import_DryRun_CountsWhatImportWouldAndRecordsNothing()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work);
        var data = Path.Combine(_session.Work.Path, "never-created");

        var run = await _session.RunWithoutDataAsync(["--data", data, "import", inputs.Directory, "--password-file", inputs.PasswordFile, "--dry-run", "--json"]);

        run.ExpectExit(1);
        var json = run.Json("import-summary");
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal((6, 5, 5, 0), (json.Int("files"), json.Int("certificatesFound"), json.Int("newCertificates"), json.Int("newLocations")));
        Assert.Equal(["corrupt-certificate", "wrong-password"], json.Array("problems").Select(p => p.Str("code")).Order());
        Assert.False(Directory.Exists(data), "a dry run must not create the data directory");

        var text = (await _session.RunWithoutDataAsync(["--data", data, "import", Path.Combine(inputs.Directory, "server.der"), "--dry-run"])).ExpectExit(0);
        Assert.Matches(@"^Found 1 certificate\(s\) \(1 distinct\) in 1 file\(s\) in [0-9.]+ s \([0-9]+/s\); dry run, nothing recorded\.$", text.StandardOutput.Trim());
    }

    [Fact]
    public async Task Import_KeystoreEntry_RecordsFileAndAlias()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withProblems: false);
        (await _session.RunAsync("import", inputs.Directory, "--password-file", inputs.PasswordFile)).ExpectExit(0);

        var shown = (await _session.RunAsync("show", inputs.Readable["trust.jks"][0], "--json")).ExpectExit(0).Json("certificate");

        var sighting = Assert.Single(shown.Array("sightings"));
        Assert.Equal("file", sighting.Str("kind"));
        Assert.Equal(Path.Combine(inputs.Directory, "trust.jks"), sighting.Str("address"));
        Assert.Equal(ImportInputs.KeystoreAlias, sighting.Str("detail"));
    }

    [Fact]
    public async Task Import_WithoutPasswordFile_ReadsKeystoreCertificatesButNotPkcs12()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withProblems: false);

        var run = await _session.RunAsync("import", inputs.Directory, "--json");

        // A JKS trusted entry is not encrypted: it is read even when no password verifies the store's integrity.
        run.ExpectExit(1);
        var json = run.Json("import-summary");
        Assert.Equal(4, json.Int("certificatesFound"));
        var problem = Assert.Single(json.Array("problems"));
        Assert.Equal(("wrong-password", Path.Combine(inputs.Directory, "client.p12")), (problem.Str("code"), problem.Str("subject")));
    }

    [Fact]
    public async Task Import_PasswordFileWithoutKeystorePassword_ReadsKeystoreAndFlagsIntegrity()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withProblems: false);
        var passwords = _session.Work.Write("only-p12.txt", ImportInputs.Pkcs12Password + "\n");

        var json = (await _session.RunAsync("import", inputs.Directory, "--password-file", passwords, "--json")).ExpectExit(1).Json("import-summary");

        Assert.Equal(5, json.Int("certificatesFound"));
        var problem = Assert.Single(json.Array("problems"));
        Assert.Equal(("wrong-password", Path.Combine(inputs.Directory, "trust.jks")), (problem.Str("code"), problem.Str("subject")));
        Assert.Contains("unverified", problem.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Pkcs7Bundle_RecordsEveryCertificateWithItsPosition()
    {
        using var root = TestPki.CreateRoot("P7 Root");
        using var leaf = TestPki.CreateLeaf(root, "p7.example.test");
        var p7b = _session.Work.File("bundle.p7b");
        await OpenSsl.RunAsync("crl2pkcs7", "-nocrl", "-certfile", _session.Work.WritePem("leaf.pem", leaf), "-certfile", _session.Work.WritePem("root.pem", root), "-out", p7b);

        var json = (await _session.RunAsync("import", p7b, "--json")).ExpectExit(0).Json("import-summary");

        Assert.Equal((1, 2, 2), (json.Int("files"), json.Int("certificatesFound"), json.Int("newCertificates")));
        var rootSighting = Assert.Single((await _session.RunAsync("show", root.Sha256, "--json")).Json("certificate").Array("sightings"));
        Assert.Equal((p7b, 1), (rootSighting.Str("address"), rootSighting.Int("position")));
    }

    [Fact]
    public async Task Import_SameDirectoryAgain_CountsCertificatesAsKnown()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withProblems: false, withKeystores: false);
        (await _session.RunAsync("import", inputs.Directory, "--json")).ExpectExit(0);

        var again = (await _session.RunAsync("import", inputs.Directory, "--json")).ExpectExit(0).Json("import-summary");

        Assert.Equal(2, again.Int("files"));
        Assert.Equal(3, again.Int("certificatesFound"));
        Assert.Equal(0, again.Int("newCertificates"));
        Assert.Equal(3, again.Int("knownCertificates"));
        Assert.Equal(0, again.Int("newLocations"));
        Assert.Equal(3, again.Int("updatedLocations"));
        Assert.Empty(again.Array("problems"));
    }

    [Fact]
    public async Task Import_TextOutput_SummarisesCountsAndProblems()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withKeystores: false);

        var run = await _session.RunAsync("import", inputs.Directory);

        run.ExpectExit(1);
        var lines = run.OutputLines;
        Assert.Matches(@"^Imported 3 certificate\(s\) from 4 file\(s\) in \d+\.\d\d s \(\d+/s\): 3 new, 0 already known or repeated; 3 new location\(s\)\.$", lines[0]);
        Assert.Equal("2 problem(s):", lines[1]);
        var problemLines = lines.Skip(2).Order(StringComparer.Ordinal).ToArray();
        Assert.StartsWith($"  corrupt-certificate: {inputs.CorruptFile}: ", problemLines[0], StringComparison.Ordinal);
        Assert.StartsWith($"  wrong-password: {inputs.WrongPasswordFile}: ", problemLines[1], StringComparison.Ordinal);
        Assert.Equal(4, lines.Count);
        Assert.Empty(run.StandardError);
    }

    [Fact]
    public async Task Import_IncludeGlob_ReadsOnlyMatchingFiles()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withKeystores: false);

        var json = (await _session.RunAsync("import", inputs.Directory, "--include", "*.der", "--json")).ExpectExit(0).Json("import-summary");

        Assert.Equal((1, 1), (json.Int("files"), json.Int("certificatesFound")));
        Assert.Empty(json.Array("problems"));
        var listed = (await _session.RunAsync("list", "--json")).Json("certificate-list");
        Assert.Equal(inputs.Readable["server.der"], listed.Array("certificates").Select(c => c.Str("sha256")));
    }

    [Fact]
    public async Task Import_ExcludeGlobs_SkipTheProblemFiles()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withKeystores: false);

        var json = (await _session.RunAsync("import", inputs.Directory, "--exclude", "corrupt.*", "--exclude", "*.p12", "--json"))
            .ExpectExit(0).Json("import-summary");

        Assert.Equal((2, 3), (json.Int("files"), json.Int("certificatesFound")));
        Assert.Empty(json.Array("problems"));
    }

    [Fact]
    public async Task Import_MissingPath_ReportsUnreadableFileAndExitsOne()
    {
        var missing = _session.Work.File("no-such-dir/cert.pem");

        var run = await _session.RunAsync("import", missing, "--json");

        run.ExpectExit(1);
        var json = run.Json("import-summary");
        Assert.Equal(0, json.Int("certificatesFound"));
        var problem = Assert.Single(json.Array("problems"));
        Assert.Equal(("unreadable-file", missing), (problem.Str("code"), problem.Str("subject")));
        Assert.Contains("no such file or directory", problem.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_EmptyDirectory_FindsNothingAndSucceeds()
    {
        var empty = Directory.CreateDirectory(_session.Work.File("empty")).FullName;

        var text = (await _session.RunAsync("import", empty)).ExpectExit(0);
        var json = (await _session.RunAsync("import", empty, "--json")).ExpectExit(0).Json("import-summary");

        Assert.StartsWith("Imported 0 certificate(s) from 0 file(s) in ", text.StandardOutput, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (json.Int("files"), json.Int("certificatesFound"), json.Int("newCertificates")));
        Assert.Empty(json.Array("problems"));
    }

    [Fact]
    public async Task Import_DanglingSymlinkInTree_ReportsInfoAndSucceeds()
    {
        // /etc/ssl/certs often holds a dangling link: a nightly import of it must not fail for that.
        using var leaf = TestPki.CreateSelfSignedLeaf("dangling.test");
        var tree = Directory.CreateDirectory(_session.Work.File("tree")).FullName;
        _session.Work.Write("tree/good.pem", leaf.CertificatePem);
        var link = Path.Combine(tree, "gone.pem");
        File.CreateSymbolicLink(link, Path.Combine(tree, "does-not-exist.pem"));

        var json = (await _session.RunAsync("import", tree, "--json")).ExpectExit(0).Json("import-summary");

        Assert.Equal(1, json.Int("certificatesFound"));
        var problem = Assert.Single(json.Array("problems"));
        Assert.Equal(("unreadable-file", "info", link), (problem.Str("code"), problem.Str("severity"), problem.Str("subject")));
    }

    [Fact]
    public async Task Import_FileOverMaxSize_ReportsFileTooLarge()
    {
        var inputs = await ImportInputs.CreateAsync(_session.Work, withProblems: false, withKeystores: false);

        var json = (await _session.RunAsync("import", inputs.Directory, "--max-file-size", "100", "--json")).ExpectExit(1).Json("import-summary");

        Assert.Equal(0, json.Int("certificatesFound"));
        Assert.Equal(
            [("file-too-large", Path.Combine(inputs.Directory, "bundle.pem")), ("file-too-large", Path.Combine(inputs.Directory, "server.der"))],
            json.Array("problems").Select(p => (p.Str("code"), p.Str("subject"))).Order());
    }

    [Theory]
    [InlineData("--max-file-size", "lots", "--max-file-size: 'lots' is not a size")]
    [InlineData("--password-file", "/nonexistent/passwords.txt", "cannot read password file '/nonexistent/passwords.txt'")]
    public async Task Import_BadOption_FailsWithOneLineError(string option, string value, string message)
    {
        var directory = Directory.CreateDirectory(_session.Work.File("certs")).FullName;

        (await _session.RunAsync("import", directory, option, value)).ExpectExit(1).ExpectOneLineError(message);
    }
}
