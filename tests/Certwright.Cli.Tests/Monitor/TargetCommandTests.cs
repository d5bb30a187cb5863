using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.Monitor;

/// <summary><c>target add/list/remove/history</c>: targets kept in the inventory database beside those of certwright.yaml.</summary>
[Collection(CliCollection.Name)]
public sealed class TargetCommandTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task AddListRemove_Json_ShowsConfigAndCliTargetsWithTheirSource()
    {
        var config = _session.Work.Write("certwright.yaml", "targets:\n  - host: files.example.com\n    owner: team-files\n    namespace: prod\n");

        (await _session.RunAsync("target", "add", "api.example.com:8443", "--sni", "api.internal.example.com", "--namespace", "prod", "--owner", "team-api", "--tag", "public", "--tag", "pay", "--warning", "45", "--every", "15m"))
            .ExpectExit(0);
        var added = (await _session.RunAsync("target", "add", "10.1.2.3", "--starttls", "smtp")).ExpectExit(0);
        Assert.Equal("added target 10.1.2.3:25 (namespace default)", added.StandardOutput.TrimEnd('\n'));
        var updated = (await _session.RunAsync("target", "add", "10.1.2.3", "--starttls", "smtp", "--owner", "mail")).ExpectExit(0);
        Assert.Equal("updated target 10.1.2.3:25 (namespace default)", updated.StandardOutput.TrimEnd('\n'));

        var list = (await _session.RunAsync("target", "list", "--config", config, "--json")).ExpectExit(0).Json("target-list");
        Assert.Equal(config, list.Str("configFile"));
        var targets = list.Array("targets");
        Assert.Equal(["files.example.com:443", "api.example.com:8443 (SNI api.internal.example.com)", "10.1.2.3:25"], targets.Select(t => t.Str("target")));
        Assert.Equal(["config", "cli", "cli"], targets.Select(t => t.Str("source")));
        Assert.Equal($"{config} line 2", targets[0].Str("origin"));
        var api = targets[1];
        Assert.Equal(("api.example.com", 8443, "api.internal.example.com", "prod", "team-api"), (api.Str("host"), api.Int("port"), api.Str("serverName"), api.Str("namespace"), api.Str("owner")));
        Assert.Equal(["public", "pay"], api.Strings("tags"));
        Assert.Equal(("every 15m", 45, 7), (api.Str("schedule"), api.Int("warningDays"), api.Int("criticalDays")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, api.GetProperty("lastCheck").ValueKind);
        Assert.Equal(("smtp", "mail", "every 6h"), (targets[2].Str("startTls"), targets[2].Str("owner"), targets[2].Str("schedule")));

        var removed = (await _session.RunAsync("target", "remove", "api.example.com:8443", "--sni", "api.internal.example.com")).ExpectExit(0);
        Assert.Equal("removed target api.example.com:8443 (SNI api.internal.example.com)", removed.StandardOutput.TrimEnd('\n'));
        var after = (await _session.RunAsync("target", "list", "--config", config, "--json")).ExpectExit(0).Json("target-list");
        Assert.Equal(["files.example.com:443", "10.1.2.3:25"], after.Array("targets").Select(t => t.Str("target")));
    }

    [Fact]
    public async Task Remove_TargetOfTheConfigFile_SaysToEditTheFile()
    {
        var config = _session.Work.Write("certwright.yaml", "targets:\n  - host: files.example.com\n");

        (await _session.RunAsync("target", "remove", "files.example.com", "--config", config))
            .ExpectExit(1)
            .ExpectOneLineError($"target files.example.com:443 is defined in {config} line 2, not by 'target add'; remove it from that file");
    }

    [Fact]
    public async Task Remove_Unknown_ExitsOneNamingTheTarget()
    {
        (await _session.RunAsync("target", "remove", "nothing.example.com:444"))
            .ExpectExit(1)
            .ExpectOneLineError("no target nothing.example.com:444 was added");
    }

    [Theory]
    [InlineData("--every", "soon", "--every 'soon': 'soon' is not an interval of at least 1s (e.g. 15m, 6h, 1d)")]
    [InlineData("--schedule", "* *", "--schedule '* *' is not a cron expression")]
    [InlineData("--tag", "a,b", "--tag 'a,b' contains a comma; repeat --tag for each label")]
    public async Task Add_BadOption_ExitsOneWithOneLine(string option, string value, string message)
    {
        (await _session.RunAsync("target", "add", "a.example.com", option, value)).ExpectExit(1).ExpectOneLineError(message);
        Assert.Contains("no targets", (await _session.RunAsync("target", "list")).ExpectExit(0).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_EveryAndSchedule_OneLineNamingTheWholeCommandsHelp()
    {
        (await _session.RunAsync("target", "add", "a.example.com", "--every", "5m", "--schedule", "0 * * * *"))
            .ExpectExit(1)
            .ExpectOneLineError("--every and --schedule cannot be combined; choose one; see 'certwright target add --help'");
    }
}
