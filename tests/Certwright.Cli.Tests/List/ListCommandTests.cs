using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.List;

[Collection(CliCollection.Name)]
public sealed partial class ListCommandTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task List_NoFilter_ListsAllSoonestFirstWithStatus()
    {
        var mix = await ExpiryMix.ImportAsync(_session);

        var json = (await _session.RunAsync("list", "--json")).ExpectExit(0).Json("certificate-list");

        Assert.Equal(4, json.Int("count"));
        var certificates = json.Array("certificates");
        Assert.Equal([mix.Expired, mix.In5, mix.In20, mix.In60], certificates.Select(c => c.Str("sha256")));
        // Without --expiring-within, "expiring" means within the default warning threshold (30 days).
        Assert.Equal(["expired", "expiring", "expiring", "valid"], certificates.Select(c => c.Str("status")));
        Assert.Equal([-3, 5, 20, 60], certificates.Select(c => c.Int("daysLeft")));
        Assert.Equal("CN=in5.example.test", certificates[1].Str("subject"));
        Assert.Equal("CN=List Root", certificates[1].Str("issuer"));
    }

    [Theory]
    [InlineData("10d", "expired:expired 5d:expiring")]
    [InlineData("2w", "expired:expired 5d:expiring")]
    [InlineData("20d", "expired:expired 5d:expiring")]
    [InlineData("21d", "expired:expired 5d:expiring 20d:expiring")]
    [InlineData("30d", "expired:expired 5d:expiring 20d:expiring")]
    [InlineData("90d", "expired:expired 5d:expiring 20d:expiring 60d:expiring")]
    [InlineData("1440h", "expired:expired 5d:expiring 20d:expiring")]
    [InlineData("0d", "expired:expired")]
    public async Task List_ExpiringWithin_IncludesExpiredAndThoseUpToTheBoundary(string within, string expected)
    {
        var mix = await ExpiryMix.ImportAsync(_session);
        var rows = expected.Split(' ').Select(r => r.Split(':')).Select(p => (Sha256: mix[p[0]], Status: p[1])).ToArray();

        var run = (await _session.RunAsync("list", "--expiring-within", within, "--json")).ExpectExit(0);

        var json = run.Json("certificate-list");
        Assert.Equal(rows, json.Array("certificates").Select(c => (c.Str("sha256"), c.Str("status"))));
        Assert.Equal(rows.Length, json.Int("count"));
    }

    [Fact]
    public async Task List_Json_EchoesTheQueryWithContractDates()
    {
        await ExpiryMix.ImportAsync(_session);

        var json = (await _session.RunAsync("list", "--expiring-within", "10d", "--namespace", "default", "--json")).ExpectExit(0).Json("certificate-list");

        var generatedAt = json.Time("generatedAt");
        Assert.InRange(generatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var query = json.GetProperty("query");
        Assert.Equal(generatedAt.AddDays(10), query.Time("expiringBefore"));
        Assert.Equal("default", query.Str("namespace"));
        foreach (var certificate in json.Array("certificates"))
        {
            Assert.True(certificate.Time("notBefore") < certificate.Time("notAfter"));
        }
    }

    [Fact]
    public async Task List_Namespace_OnlyCertificatesSeenThere()
    {
        var mix = await ExpiryMix.ImportAsync(_session);
        Directory.CreateDirectory(_session.Work.File("team"));
        File.Copy(_session.Work.File("expiry/in20.pem"), _session.Work.File("team/in20.pem"));
        (await _session.RunAsync("import", _session.Work.File("team"), "--namespace", "team-a")).ExpectExit(0);

        var teamA = (await _session.RunAsync("list", "--namespace", "team-a", "--json")).ExpectExit(0).Json("certificate-list");
        var other = (await _session.RunAsync("list", "-n", "team-b", "--json")).ExpectExit(0).Json("certificate-list");

        Assert.Equal([mix.In20], teamA.Array("certificates").Select(c => c.Str("sha256")));
        Assert.Equal(1, teamA.Int("count"));
        Assert.Equal(0, other.Int("count"));
        Assert.Empty(other.Array("certificates"));
    }

    [Fact]
    public async Task List_Limit_KeepsTheSoonestExpiring()
    {
        var mix = await ExpiryMix.ImportAsync(_session);

        var json = (await _session.RunAsync("list", "--limit", "2", "--json")).ExpectExit(0).Json("certificate-list");

        Assert.Equal([mix.Expired, mix.In5], json.Array("certificates").Select(c => c.Str("sha256")));
        Assert.Equal(2, json.Int("count"));
    }

    [Fact]
    public async Task List_Table_HasHeaderRowsAndCount()
    {
        var mix = await ExpiryMix.ImportAsync(_session);

        var run = (await _session.RunAsync("list")).ExpectExit(0);

        var lines = run.OutputLines;
        Assert.Equal(["NOT AFTER", "DAYS", "STATUS", "SUBJECT", "KEY", "SHA-256", "SEEN AT"], Columns(lines[0]));
        Assert.Equal(6, lines.Count);
        var in5 = Columns(lines[2]);
        Assert.Equal(
            [NotAfterDate(_session.Work.File("expiry/in5.pem")), "5", "expiring", "in5.example.test", "EC P-256", mix.In5[..16], _session.Work.File("expiry/in5.pem")],
            in5);
        Assert.Equal(["-3", "expired"], Columns(lines[1])[1..3]);
        Assert.Equal(["60", "valid"], Columns(lines[4])[1..3]);
        Assert.Equal("4 certificate(s)", lines[5]);
        Assert.Empty(run.StandardError);
    }

    [Fact]
    public async Task List_EmptyInventory_SaysSoAndSucceeds()
    {
        var text = (await _session.RunAsync("list")).ExpectExit(0);
        var json = (await _session.RunAsync("list", "--json")).ExpectExit(0).Json("certificate-list");

        Assert.Equal(["No certificates match."], text.OutputLines);
        Assert.Equal(0, json.Int("count"));
        Assert.Empty(json.Array("certificates"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5d")]
    [InlineData("30x")]
    public async Task List_BadDuration_FailsWithOneLineError(string within)
    {
        var run = await _session.RunAsync("list", "--expiring-within", within);

        run.ExpectExit(1).ExpectOneLineError($"--expiring-within: '{within}' is not a duration");
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task List_DurationOverHundredYears_SaysItIsTooLong()
    {
        var run = await _session.RunAsync("list", "--expiring-within", "1000000d");

        run.ExpectExit(1).ExpectOneLineError("--expiring-within: '1000000d' is longer than the 100 years accepted; give a shorter duration, e.g. 30d");
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task List_ZeroLimit_FailsWithOneLineError()
    {
        (await _session.RunAsync("list", "--limit", "0")).ExpectExit(1).ExpectOneLineError("--limit must be at least 1");
    }

    [Fact]
    public async Task List_LimitNotANumber_SaysSoWithoutTypeNames()
    {
        var run = (await _session.RunAsync("list", "--limit", "abc")).ExpectExit(1).ExpectOneLineError("--limit 'abc': expected a whole number");
        Assert.DoesNotContain("System.", run.StandardError, StringComparison.Ordinal);
    }

    private static string[] Columns(string line) => TwoOrMoreSpaces().Split(line.Trim());

    private static string NotAfterDate(string pemPath)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        return JsonAssert.Format(certificate.NotAfter.ToUniversalTime())[..10];
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex TwoOrMoreSpaces();
}
