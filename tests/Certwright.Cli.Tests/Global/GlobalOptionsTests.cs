using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.Global;

/// <summary>What every user meets first: help, version, a mistyped command, a bad <c>--data</c>.</summary>
[Collection(CliCollection.Name)]
public sealed class GlobalOptionsTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_ListsEveryCommand(string option)
    {
        var run = (await _session.RunWithoutDataAsync([option])).ExpectExit(0);

        Assert.Contains("certwright [command] [options]", run.StandardOutput, StringComparison.Ordinal);
        var commands = run.OutputLines
            .SkipWhile(l => l != "Commands:")
            .Skip(1)
            .TakeWhile(l => l.Length > 0)
            .Select(l => l.Trim().Split(' ')[0])
            .ToArray();
        Assert.Equal(["scan", "probe", "list", "import", "show", "verify", "target", "monitor", "audit", "key", "ca", "issue", "revoke", "crl", "ocsp", "serve", "managed", "renew"], commands);
        Assert.Empty(run.StandardError);
    }

    [Theory]
    [InlineData("scan", "--targets-file", "--nagios")]
    [InlineData("list", "--expiring-within", "--limit")]
    [InlineData("import", "--password-file", "--max-file-size")]
    [InlineData("show", "--pem", "--json")]
    [InlineData("verify", "--chain", "--purpose")]
    public async Task Help_OfACommand_ShowsItsUsageAndOptions(string command, string option, string another)
    {
        var run = (await _session.RunWithoutDataAsync([command, "--help"])).ExpectExit(0);

        Assert.Contains($"  certwright {command}", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(option, run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(another, run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = (await _session.RunWithoutDataAsync(["--version"])).ExpectExit(0);

        Assert.Matches(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$", Assert.Single(run.OutputLines));
        Assert.Empty(run.StandardError);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'", "certwright --help")]
    [InlineData(new string[0], "Required command was not provided", "certwright --help")]
    [InlineData(new[] { "list", "--frobnicate" }, "Unrecognized command or argument '--frobnicate'", "certwright list --help")]
    [InlineData(new[] { "show" }, "Required argument missing for command: 'show'", "certwright show --help")]
    [InlineData(new[] { "show", "--bogus" }, "Unrecognized option '--bogus' (a file or host whose name starts with '-' goes after '--')", "certwright show --help")]
    [InlineData(new[] { "import", "/etc/ssl/certs", "--exlude", "*.0" }, "Unrecognized option '--exlude'", "certwright import --help")]
    [InlineData(new[] { "list", "--limit", "many" }, "--limit 'many': expected a whole number", "certwright list --help")]
    public async Task BadCommandLine_ExitsOneWithOneLineError(string[] arguments, string message, string help)
    {
        var run = await _session.RunWithoutDataAsync(arguments);

        run.ExpectExit(1).ExpectOneLineError(message);
        Assert.EndsWith($"; see '{help}'", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task Data_PointingToAFile_FailsWithOneLineError()
    {
        var file = _session.Work.Write("not-a-directory", "just text\n");

        var run = await _session.RunWithoutDataAsync(["--data", file, "list"]);

        run.ExpectExit(1).ExpectOneLineError($"cannot create data directory '{file}'");
        Assert.Contains("choose another with --data or CERTWRIGHT_DATA", run.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("text")]
    public async Task Data_WithAFileThatIsNotADatabase_FailsWithOneLineError(string content)
    {
        var data = _session.Work.File("data");
        var database = content == "text"
            ? _session.Work.Write("data/certwright.db", "this is a text file, not an SQLite database\n")
            : _session.Work.Write("data/certwright.db", System.Security.Cryptography.RandomNumberGenerator.GetBytes(8192));

        var run = await _session.RunWithoutDataAsync(["--data", data, "list"]);

        run.ExpectExit(1).ExpectOneLineError($"'{database}' is not a Certwright database");
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task Database_PostgresUrl_IsRefusedWithOneLineError()
    {
        (await _session.RunAsync("--database", "postgres://localhost/certwright", "list"))
            .ExpectExit(1)
            .ExpectOneLineError("--database (PostgreSQL) is not available in this version");
    }

    [Fact]
    public async Task DataEnvironmentVariable_IsTheDefaultDataDirectory()
    {
        using var root = Certwright.Tests.TestSupport.TestPki.CreateRoot("Env Root");
        var pem = _session.Work.WritePem("env-root.pem", root);

        // No --data: CERTWRIGHT_DATA (set by the session to its data directory) decides.
        (await _session.RunWithoutDataAsync(["import", pem])).ExpectExit(0);

        var listed = (await _session.RunAsync("list", "--json")).ExpectExit(0).Json("certificate-list");
        Assert.Equal([root.Sha256], listed.Array("certificates").Select(c => c.Str("sha256")));
    }

    [Fact]
    public async Task DataOption_WinsOverTheEnvironmentVariable()
    {
        using var root = Certwright.Tests.TestSupport.TestPki.CreateRoot("Option Root");
        var pem = _session.Work.WritePem("option-root.pem", root);
        var other = _session.Work.File("other-data");

        (await _session.RunWithoutDataAsync(["--data", other, "import", pem])).ExpectExit(0);

        Assert.Equal(1, (await _session.RunWithoutDataAsync(["--data", other, "list", "--json"])).Json("certificate-list").Int("count"));
        Assert.Equal(0, (await _session.RunAsync("list", "--json")).Json("certificate-list").Int("count"));
    }

    /// <summary>Odd input ends in a clean error with the command's exit code; never a stack trace or exit 70 (checked on every run).</summary>
    [Theory]
    [InlineData(1, "verify", "/dev/null")]
    [InlineData(1, "verify", "{work}")]
    [InlineData(1, "import", "/dev/null")]
    [InlineData(1, "show", "{long}")]
    [InlineData(1, "import", "{work}", "--max-file-size", "99999999999G")]
    [InlineData(1, "list", "--limit", "99999999999")]
    [InlineData(3, "scan", "--targets-file", "{work}")]
    [InlineData(3, "scan", "--starttls", "smtp", "--targets-file", "/dev/null")]
    public async Task OddInput_FailsCleanly(int exitCode, params string[] arguments)
    {
        var expanded = arguments
            .Select(a => a.Replace("{work}", _session.Work.Path, StringComparison.Ordinal).Replace("{long}", new string('a', 10_000), StringComparison.Ordinal))
            .ToArray();

        var run = (await _session.RunAsync(expanded)).ExpectExit(exitCode);

        Assert.True(run.ErrorLines.Count is 1 or 0, run.Describe());
        Assert.All(run.ErrorLines, l => Assert.StartsWith("certwright: ", l, StringComparison.Ordinal));
    }
}
