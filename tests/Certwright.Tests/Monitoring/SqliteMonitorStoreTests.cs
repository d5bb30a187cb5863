using Certwright.Monitoring;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Storage;
using Certwright.Storage.Sqlite;
using Certwright.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Monitoring;

public sealed class SqliteMonitorStoreTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Epoch);

    private string DatabasePath => DataDirectory.DatabasePath(_directory.Path);

    [Fact]
    public async Task AddTarget_ListRemove_RoundTripsEverySetting()
    {
        await using var store = Open();
        var target = new MonitorTarget
        {
            Endpoint = new ScanTarget("mail.example.com", 587, StartTlsProtocol.Smtp, "smtp.example.com"),
            Namespace = "prod",
            Owner = "team-mail",
            Tags = ["mail", "public"],
            Thresholds = ExpiryThresholds.Create(40, 12),
            Schedule = CheckSchedule.Cron("*/30 * * * *"),
            Source = TargetSource.Cli,
        };
        var plain = new MonitorTarget { Endpoint = new ScanTarget("10.0.0.1", 443), Source = TargetSource.Cli };

        Assert.True(await store.AddTargetAsync(target, default));
        Assert.True(await store.AddTargetAsync(plain, default));
        Assert.False(await store.AddTargetAsync(target with { Owner = "team-post" }, default));
        var listed = await store.ListTargetsAsync(default);

        Assert.Equal(2, listed.Count);
        Assert.Equal(target with { Owner = "team-post" }, listed[0]);
        Assert.Equal("target add", listed[0].Origin);
        Assert.Equal(plain, listed[1]);
        Assert.Null(listed[1].Endpoint.ServerName);

        Assert.True(await store.RemoveTargetAsync(target.Endpoint, default));
        Assert.False(await store.RemoveTargetAsync(target.Endpoint, default));
        Assert.Equal([plain], await store.ListTargetsAsync(default));
    }

    [Fact]
    public async Task RecordCheck_History_NewestFirstAndFindingsKeptForTheLatestOnly()
    {
        await using (var store = Open())
        {
            await store.RecordCheckAsync(Result("a:443", Epoch, CheckStatus.Failed, error: "refused", findings: [new Finding(FindingCodes.EndpointUnreachable, Severity.Critical, "a:443: refused", "a:443")]), default);
            await store.RecordCheckAsync(Result("b:443", Epoch, CheckStatus.Ok), default);
            var sha = new string('a', 64);
            var id = await store.RecordCheckAsync(
                Result("a:443", Epoch.AddHours(1), CheckStatus.Warning, sha, findings: [new Finding(FindingCodes.ExpiresSoon, Severity.Warning, "expires in 29 days", sha), new Finding(FindingCodes.CertificateChanged, Severity.Info, "changed", "a:443")]),
                default);

            var history = await store.GetHistoryAsync("a:443", 10, default);
            Assert.Equal([CheckStatus.Warning, CheckStatus.Failed], history.Select(r => r.Status));
            Assert.Equal(id, history[0].Id);
            Assert.Equal(Epoch.AddHours(1), history[0].CheckedAt);
            Assert.Equal(sha, history[0].LeafSha256);
            Assert.Equal(Severity.Warning, history[0].WorstSeverity);
            Assert.Equal(TimeSpan.FromMilliseconds(250), history[0].Duration);
            Assert.Equal("refused", history[1].Error);
            Assert.Empty(history[0].Findings);
            Assert.Single(await store.GetHistoryAsync("a:443", 1, default));

            var latest = await store.GetLatestAsync(withFindings: true, default);
            Assert.Equal(["a:443", "b:443"], latest.Select(r => r.Target));
            Assert.Equal([FindingCodes.ExpiresSoon, FindingCodes.CertificateChanged], latest[0].Findings.Select(f => f.Code));
            Assert.Equal(new Finding(FindingCodes.ExpiresSoon, Severity.Warning, "expires in 29 days", sha), latest[0].Findings[0]);
            Assert.Empty(latest[1].Findings);
        }

        // The failed check's finding went when the next check replaced it.
        Assert.Equal(2L, Scalar("SELECT count(*) FROM check_findings"));
        Assert.Equal(3L, Scalar("SELECT count(*) FROM check_results"));
    }

    [Fact]
    public async Task PruneHistory_DropsOldResultsButKeepsEachTargetsLatest()
    {
        await using var store = Open();
        await store.RecordCheckAsync(Result("a:443", Epoch, CheckStatus.Ok), default);
        await store.RecordCheckAsync(Result("a:443", Epoch.AddDays(10), CheckStatus.Ok), default);
        await store.RecordCheckAsync(Result("a:443", Epoch.AddDays(20), CheckStatus.Warning, findings: [new Finding(FindingCodes.ExpiresSoon, Severity.Warning, "soon", "a:443")]), default);
        await store.RecordCheckAsync(Result("b:443", Epoch, CheckStatus.Failed, error: "refused"), default);

        var deleted = await store.PruneHistoryAsync(Epoch.AddDays(15), default);

        Assert.Equal(2, deleted);
        Assert.Equal([Epoch.AddDays(20)], (await store.GetHistoryAsync("a:443", 10, default)).Select(r => r.CheckedAt));
        Assert.Equal([Epoch], (await store.GetHistoryAsync("b:443", 10, default)).Select(r => r.CheckedAt));
        var latest = await store.GetLatestAsync(withFindings: true, default);
        Assert.Equal(FindingCodes.ExpiresSoon, Assert.Single(latest.Single(r => r.Target == "a:443").Findings).Code);
        Assert.Equal(0, await store.PruneHistoryAsync(Epoch.AddDays(15), default));
    }

    [Fact]
    public async Task Open_SameFileAsInventory_BothMigrateOnce()
    {
        var options = new StorageOptions { DataDirectory = _directory.Path };
        await using (var inventory = await InventoryStore.OpenAsync(options, _time, default))
        await using (var monitor = await MonitorStore.OpenAsync(options, _time, default))
        {
            await monitor.AddTargetAsync(new MonitorTarget { Endpoint = new ScanTarget("a.test", 443) }, default);
            Assert.Equal(0, (await inventory.GetStatisticsAsync(default)).Certificates);
        }

        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("PRAGMA user_version"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM monitor_targets"));
    }

    public void Dispose() => _directory.Dispose();

    private SqliteMonitorStore Open() =>
        SqliteMonitorStore.Open(DatabasePath, new StorageOptions { DataDirectory = _directory.Path }, _time);

    private static CheckResult Result(string target, DateTimeOffset at, CheckStatus status, string? sha = null, string? error = null, Finding[]? findings = null) => new()
    {
        Target = target,
        CheckedAt = at,
        Status = status,
        LeafSha256 = sha,
        WorstSeverity = findings is { Length: > 0 } ? findings.Max(f => f.Severity) : Severity.Ok,
        Duration = TimeSpan.FromMilliseconds(250),
        Error = error,
        Findings = findings ?? [],
    };

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
