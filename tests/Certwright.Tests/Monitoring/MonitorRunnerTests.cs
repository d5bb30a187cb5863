using Certwright.Monitoring;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Monitoring;

public sealed class MonitorRunnerTests
{
    [Fact]
    public async Task RunAsync_CertificateCrossesThirtyDayLine_ExpiresSoonOnTheNextCheckNotBefore()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        var port = FreePort.Next();
        using var leaf = await fixture.StartServerAsync(port, fixture.Start.AddDays(31));
        var check = CheckSchedulerTests.PlannedCheckFor(
            new MonitorTarget { Endpoint = new ScanTarget("localhost", port), Namespace = "prod" },
            CheckSchedule.Every(TimeSpan.FromDays(1)),
            ExpiryThresholds.Default);
        using var stop = new CancellationTokenSource();
        var running = fixture.CreateRunner().RunAsync(new MonitorPlan { Checks = [check], Jitter = 0, Concurrency = 4 }, stop.Token);

        var first = (await fixture.WaitForResultsAsync(check.Key, 1))[0];
        Assert.Equal(fixture.Start, first.CheckedAt);
        Assert.Equal(CheckStatus.Ok, first.Status);
        Assert.Empty((await fixture.LatestAsync(check.Key)).Findings);
        Assert.Equal(leaf.Sha256, first.LeafSha256);

        // One second before the next slot: nothing runs (31 days less one second is still above the line).
        fixture.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var results = await fixture.WaitForResultsAsync(check.Key, 2);
        Assert.Equal(2, results.Count);
        Assert.Equal(fixture.Start.AddDays(1), results[1].CheckedAt);
        Assert.Equal(CheckStatus.Warning, results[1].Status);
        var latest = await fixture.LatestAsync(check.Key);
        var finding = Assert.Single(latest.Findings);
        Assert.Equal(FindingCodes.ExpiresSoon, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(leaf.Sha256, finding.Subject);
        Assert.Contains("expires in 30 days", finding.Message, StringComparison.Ordinal);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_TargetDown_RecordedFailedAndRetriedOnItsNextSlot()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        var port = FreePort.Next();
        var check = CheckSchedulerTests.PlannedCheckFor(
            new MonitorTarget { Endpoint = new ScanTarget("127.0.0.1", port, StartTlsProtocol.None, "localhost") },
            CheckSchedule.Every(TimeSpan.FromHours(1)),
            ExpiryThresholds.Default);
        using var stop = new CancellationTokenSource();
        var running = fixture.CreateRunner().RunAsync(new MonitorPlan { Checks = [check], Jitter = 0, Concurrency = 1 }, stop.Token);

        var failed = (await fixture.WaitForResultsAsync(check.Key, 1))[0];
        Assert.Equal(CheckStatus.Failed, failed.Status);
        Assert.Equal(Severity.Critical, failed.WorstSeverity);
        Assert.Null(failed.LeafSha256);
        Assert.Contains("connection refused", failed.Error, StringComparison.Ordinal);
        Assert.Equal(FindingCodes.EndpointUnreachable, Assert.Single((await fixture.LatestAsync(check.Key)).Findings).Code);

        using var leaf = await fixture.StartServerAsync(port, fixture.Start.AddDays(90));
        fixture.Time.Advance(TimeSpan.FromHours(1));
        var results = await fixture.WaitForResultsAsync(check.Key, 2);

        Assert.Equal(fixture.Start.AddHours(1), results[1].CheckedAt);
        Assert.Equal(CheckStatus.Ok, results[1].Status);
        Assert.Equal(leaf.Sha256, results[1].LeafSha256);
        Assert.Null(results[1].Error);
        Assert.Empty((await fixture.LatestAsync(check.Key)).Findings);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunOnceAsync_ProbeOnTls11OnlyServer_RecordsWeakProtocolOnlyWhereAsked()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        var port = FreePort.Next();
        await fixture.StartServerAsync(port, fixture.Start.AddDays(200), ["-tls1_1", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0"]);
        var every = CheckSchedule.Every(TimeSpan.FromHours(1));
        var probed = CheckSchedulerTests.PlannedCheckFor(new MonitorTarget { Endpoint = new ScanTarget("localhost", port) }, every, ExpiryThresholds.Default) with { Probe = true };
        var plain = CheckSchedulerTests.PlannedCheckFor(new MonitorTarget { Endpoint = new ScanTarget("127.0.0.1", port, StartTlsProtocol.None, "localhost") }, every, ExpiryThresholds.Default);
        using var prober = new TlsProber(new TlsProberOptions { MaxConnections = 2 });

        var results = await fixture.CreateRunner(prober: prober).RunOnceAsync(new MonitorPlan { Checks = [probed, plain], Concurrency = 1 }, CancellationToken.None);

        var weak = Assert.Single(results[0].Findings, f => f.Code == FindingCodes.WeakProtocol);
        Assert.Contains("accepts TLSv1.1", weak.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, weak.Severity);
        Assert.Equal(CheckStatus.Warning, results[0].Status);
        Assert.DoesNotContain(results[1].Findings, f => f.Code is FindingCodes.WeakProtocol or FindingCodes.WeakCipher);
        var latest = await fixture.Monitor.GetLatestAsync(withFindings: true, CancellationToken.None);
        Assert.Contains(latest.Single(r => r.Target == probed.Key).Findings, f => f.Code == FindingCodes.WeakProtocol);
    }

    [Fact]
    public async Task RunOnceAsync_TwoTargets_RecordsEachOnceWithItsOwnThresholds()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        var port = FreePort.Next();
        using var leaf = await fixture.StartServerAsync(port, fixture.Start.AddDays(20));
        var lenient = CheckSchedulerTests.PlannedCheckFor(
            new MonitorTarget { Endpoint = new ScanTarget("localhost", port) }, CheckSchedule.Every(TimeSpan.FromHours(1)), ExpiryThresholds.Create(10, 5));
        var strict = CheckSchedulerTests.PlannedCheckFor(
            new MonitorTarget { Endpoint = new ScanTarget("127.0.0.1", port, StartTlsProtocol.None, "localhost") }, CheckSchedule.Every(TimeSpan.FromHours(1)), ExpiryThresholds.Create(60, 21));
        var results = await fixture.CreateRunner().RunOnceAsync(new MonitorPlan { Checks = [lenient, strict], Concurrency = 2 }, CancellationToken.None);

        Assert.Equal([CheckStatus.Ok, CheckStatus.Critical], results.Select(r => r.Status));
        Assert.Equal(["localhost:" + port, "127.0.0.1:" + port + " (SNI localhost)"], results.Select(r => r.Target));
        Assert.All(results, r => Assert.True(r.Id > 0));
        var latest = await fixture.Monitor.GetLatestAsync(withFindings: true, CancellationToken.None);
        Assert.Equal(2, latest.Count);
        Assert.Equal(FindingCodes.ExpiresSoon, Assert.Single(latest.Single(r => r.Target == strict.Key).Findings).Code);
    }

    [Fact]
    public async Task CheckAsync_WatchedDirectory_ImportsItsCertificates()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        using var leaf = TestPki.CreateLeaf(fixture.Root, "files.test", notBefore: fixture.Start.AddDays(-1), notAfter: fixture.Start.AddDays(100), keyType: TestKeyType.Rsa2048);
        var certs = System.IO.Path.Combine(fixture.Directory.Path, "certs");
        System.IO.Directory.CreateDirectory(certs);
        File.WriteAllText(System.IO.Path.Combine(certs, "a.pem"), leaf.CertificatePem);
        File.WriteAllText(System.IO.Path.Combine(certs, "ignored.txt"), leaf.CertificatePem);
        var directory = new WatchedDirectory { Paths = [certs], Include = ["*.pem"], Namespace = "files", Owner = "ops" };
        var check = CheckSchedulerTests.DirectoryCheckFor(directory);

        var result = await fixture.CreateRunner().CheckAsync(check, CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Equal(CheckKind.Directory, result.Kind);
        var sightings = await fixture.Inventory.GetSightingsAsync(leaf.Sha256, CancellationToken.None);
        var sighting = Assert.Single(sightings);
        Assert.Equal(System.IO.Path.Combine(certs, "a.pem"), sighting.Location.Address);
        Assert.Equal("files", sighting.Location.Namespace);
    }

    [Fact]
    public async Task CheckAsync_WatchedDirectoryWithExpiredAndExpiringCertificates_CriticalWithOneFindingPerFile()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        using var expired = TestPki.CreateLeaf(fixture.Root, "old.test", notBefore: fixture.Start.AddDays(-90), notAfter: fixture.Start.AddDays(-2), keyType: TestKeyType.Rsa2048);
        using var expiring = TestPki.CreateLeaf(fixture.Root, "soon.test", notBefore: fixture.Start.AddDays(-60), notAfter: fixture.Start.AddDays(20), keyType: TestKeyType.Rsa2048);
        using var fine = TestPki.CreateLeaf(fixture.Root, "fine.test", notBefore: fixture.Start.AddDays(-1), notAfter: fixture.Start.AddDays(200), keyType: TestKeyType.Rsa2048);
        var certs = System.IO.Path.Combine(fixture.Directory.Path, "watched");
        System.IO.Directory.CreateDirectory(certs);
        File.WriteAllText(System.IO.Path.Combine(certs, "old.pem"), expired.CertificatePem);
        File.WriteAllText(System.IO.Path.Combine(certs, "soon.pem"), expiring.CertificatePem);
        File.WriteAllText(System.IO.Path.Combine(certs, "fine.pem"), fine.CertificatePem);
        var directory = new WatchedDirectory { Paths = [certs], Namespace = "files" };
        var check = CheckSchedulerTests.DirectoryCheckFor(directory);

        var result = await fixture.CreateRunner().CheckAsync(check, CancellationToken.None);

        Assert.Equal(CheckStatus.Critical, result.Status);
        Assert.Equal(Severity.Critical, result.WorstSeverity);
        var findings = (await fixture.LatestAsync(check.Key)).Findings;
        Assert.Equal(
            [
                (FindingCodes.Expired, Severity.Critical, System.IO.Path.Combine(certs, "old.pem")),
                (FindingCodes.ExpiresSoon, Severity.Warning, System.IO.Path.Combine(certs, "soon.pem")),
            ],
            findings.Select(f => (f.Code, f.Severity, f.Subject)));
        Assert.Equal($"{System.IO.Path.Combine(certs, "soon.pem")}: CN=soon.test expires in 20 days on {fixture.Start.AddDays(20).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", findings[1].Message);
    }

    [Fact]
    public async Task RunAsync_Stopped_ReturnsAfterInFlightChecks()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        var port = FreePort.Next();
        using var leaf = await fixture.StartServerAsync(port, fixture.Start.AddDays(90));
        var check = CheckSchedulerTests.Check("localhost", "every 1h", port: port);
        using var stop = new CancellationTokenSource();
        var running = fixture.CreateRunner().RunAsync(new MonitorPlan { Checks = [check], Jitter = 0.1 }, stop.Token);
        await fixture.WaitForResultsAsync(check.Key, 1);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Single(await fixture.Monitor.GetHistoryAsync(check.Key, 10, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_ResultCannotBeRecorded_StopsWithTheStoreError()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        var check = CheckSchedulerTests.Check("127.0.0.1", "every 1h", port: FreePort.Next());
        var runner = fixture.CreateRunner();
        await fixture.Monitor.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.RunAsync(new MonitorPlan { Checks = [check] }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task RunAsync_StoppedWhileChecksWaitForASlot_QueuedChecksDoNotStart()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        await using var silent = ScriptedTcpServer.Start(connection => connection.DrainAsync());
        var hanging = CheckSchedulerTests.Check("127.0.0.1", "every 1h", port: silent.Port);
        var queued = CheckSchedulerTests.Check("127.0.0.2", "every 1h", port: silent.Port);
        using var stop = new CancellationTokenSource();
        var running = fixture.CreateRunner(drainTimeout: TimeSpan.FromMinutes(1)).RunAsync(new MonitorPlan { Checks = [hanging, queued], Concurrency = 1, Jitter = 0 }, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (silent.Accepted == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first check never connected");
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        // The check in flight waits on a silent server until its handshake timeout (fake, 10 s) fails it; it is
        // finished and recorded, and the check behind it, which had not started, must not start now.
        while (!running.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline.AddSeconds(10), "the monitor did not stop after its drain time");
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await running;
        Assert.Equal(1, silent.Accepted);
        Assert.Equal(CheckStatus.Failed, Assert.Single(await fixture.Monitor.GetHistoryAsync(hanging.Key, 10, CancellationToken.None)).Status);
        Assert.Empty(await fixture.Monitor.GetHistoryAsync(queued.Key, 10, CancellationToken.None));
    }
}
