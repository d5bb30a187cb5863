using System.Security.Cryptography;
using Certwright.Policy;
using Certwright.Renewal;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Renewal;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RenewalRunnerTests : IAsyncLifetime
{
    private RenewalTestbed _bed = null!;

    public async Task InitializeAsync() => _bed = await RenewalTestbed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static string Sha256OfPem(string path)
    {
        var pem = File.ReadAllText(path);
        return Convert.ToHexStringLower(SHA256.HashData(PemEncoding.Find(pem) is var f ? Convert.FromBase64String(pem[f.Base64Data]) : []));
    }

    [Fact]
    public async Task Run_FirstTime_IssuesAndDeploysVerifiableChain_AndSecondRunDoesNothing()
    {
        var dir = _bed.Work.File("web");
        await _bed.AddAsync("web", dir);
        var runner = _bed.Runner();

        var first = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        var second = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        Assert.Equal(RenewalStatus.Renewed, first.Status);
        Assert.Equal(first.Sha256, Sha256OfPem(Path.Combine(dir, "cert.pem")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, ".certwright", "current", "privkey.pem")));
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", _bed.Authority.RootPem, "-untrusted", Path.Combine(dir, "chain.pem"), Path.Combine(dir, "cert.pem"));
        Assert.Contains("cert.pem: OK", verify, StringComparison.Ordinal);
        Assert.Equal(RenewalStatus.NotDue, second.Status);
        Assert.Equal(first.Sha256, (await _bed.EntryAsync("web")).State.CurrentSha256);
    }

    [Fact]
    public async Task Run_WithInventory_RecordsAFileSightingOfTheDeployedCertificate()
    {
        var dir = _bed.Work.File("web");
        await _bed.Store.SaveAsync((await _bed.AddAsync("web", dir)) with { Namespace = "prod" }, default);
        await using var inventory = await Certwright.Storage.InventoryStore.OpenAsync(new Certwright.Storage.StorageOptions { DataDirectory = _bed.Authority.Dir.File("data") }, _bed.Time, default);
        var runner = new RenewalRunner(_bed.Store, _bed, new DeployerRegistry(_bed.Time), new Certwright.Scanning.EndpointScanner(null, TimeProvider.System), _bed.Time) { Inventory = inventory };

        var outcome = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        var sightings = await inventory.GetSightingsAsync(outcome.Sha256!, default);
        var file = Assert.Single(sightings, s => s.Location.Kind == Certwright.Inventory.SightingKind.File);
        Assert.Equal(Path.Combine(dir, "cert.pem"), file.Location.Address);
        Assert.Equal("prod", file.Location.Namespace);
        Assert.Equal(_bed.Time.GetUtcNow().ToUnixTimeSeconds(), file.LastSeen.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Run_AsTimePasses_RenewsOnlyInsideTheWindow()
    {
        await _bed.AddAsync("web", _bed.Work.File("web"));
        var runner = _bed.Runner();
        var issued = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        var state = (await _bed.EntryAsync("web")).State;
        var renewAt = state.NotAfter!.Value - (state.NotAfter.Value - state.NotBefore!.Value) / 3;

        _bed.Time.SetUtcNow(renewAt.AddMinutes(-1));
        var early = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        _bed.Time.SetUtcNow(renewAt.AddSeconds(1));
        var inWindow = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        Assert.Equal(RenewalStatus.NotDue, early.Status);
        Assert.Equal(RenewalStatus.Renewed, inWindow.Status);
        Assert.NotEqual(issued.Sha256, inWindow.Sha256);
        Assert.Equal(inWindow.Sha256, Sha256OfPem(_bed.Work.File("web/cert.pem")));
    }

    [Fact]
    public async Task Run_CaUnreachable_OldCertificateStaysFindingRaisedAndRetriedAfterBackoff()
    {
        await _bed.AddAsync("web", _bed.Work.File("web"));
        var runner = _bed.Runner();
        var old = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        _bed.Time.Advance(TimeSpan.FromDays(61));
        _bed.CaDown = true;

        var failed = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        _bed.Time.Advance(TimeSpan.FromMinutes(4));
        var backingOff = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        _bed.CaDown = false;
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        var retried = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        Assert.Equal(RenewalStatus.Failed, failed.Status);
        var finding = Assert.Single(failed.Findings);
        Assert.Equal(FindingCodes.RenewalFailed, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("cannot renew 'web' from ca corp (server): cannot connect to the CA at 127.0.0.1:1: connection refused", finding.Message);
        Assert.Equal(RenewalStatus.NotDue, backingOff.Status);
        Assert.Equal("backing off after 1 failure(s)", backingOff.Decision.Reason);
        Assert.Equal(RenewalStatus.Renewed, retried.Status);
        Assert.Equal(retried.Sha256, Sha256OfPem(_bed.Work.File("web/cert.pem")));
        Assert.NotEqual(old.Sha256, retried.Sha256);
        var state = (await _bed.EntryAsync("web")).State;
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.NextAttemptAfter);
    }

    [Fact]
    public async Task Run_CaUnreachableWhileFailing_KeepsTheOldFilesAndDoublesTheBackoff()
    {
        await _bed.AddAsync("web", _bed.Work.File("web"));
        var runner = _bed.Runner();
        var old = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        _bed.Time.Advance(TimeSpan.FromDays(61));
        _bed.CaDown = true;

        await runner.RunAsync(new RenewalRunOptions(), default);
        _bed.Time.Advance(TimeSpan.FromMinutes(5));
        var second = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        Assert.Equal(RenewalStatus.Failed, second.Status);
        Assert.Equal(_bed.Time.GetUtcNow().AddMinutes(10), second.NextAttemptAfter);
        Assert.Equal(2, (await _bed.EntryAsync("web")).State.ConsecutiveFailures);
        Assert.Equal(old.Sha256, Sha256OfPem(_bed.Work.File("web/cert.pem")));
    }

    [Fact]
    public async Task Run_ReloadFails_RollsBackEveryTargetAndReportsDeployFailed()
    {
        var one = _bed.Work.File("one");
        var two = _bed.Work.File("two");
        var managed = await _bed.AddAsync("web", one, two);
        var runner = _bed.Runner();
        var old = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        await _bed.Store.SaveAsync(managed with { ReloadCommand = "echo 'nginx: [emerg] bad config' >&2; exit 3" }, default);

        var outcome = Assert.Single(await runner.RunAsync(new RenewalRunOptions { Force = true }, default));

        Assert.Equal(RenewalStatus.Failed, outcome.Status);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(FindingCodes.DeployFailed, finding.Code);
        Assert.Equal("reload command of 'web' exited with 3 (nginx: [emerg] bad config); rolled back to the old certificate", finding.Message);
        Assert.Equal(old.Sha256, Sha256OfPem(Path.Combine(one, "cert.pem")));
        Assert.Equal(old.Sha256, Sha256OfPem(Path.Combine(two, "cert.pem")));
        Assert.Equal(old.Sha256, (await _bed.EntryAsync("web")).State.CurrentSha256);
    }

    [Fact]
    public async Task Run_SecondTargetUnwritable_RollsBackTheFirst()
    {
        var one = _bed.Work.File("one");
        var blocker = _bed.Work.Write("blocker", "a file where a directory should be");
        var managed = await _bed.AddAsync("web", one);
        var runner = _bed.Runner();
        var old = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        await _bed.Store.SaveAsync(managed with { DeployTargets = [DeployTarget.Directory(one), DeployTarget.Directory(Path.Combine(blocker, "sub"))] }, default);

        var outcome = Assert.Single(await runner.RunAsync(new RenewalRunOptions { Force = true }, default));

        Assert.Equal(RenewalStatus.Failed, outcome.Status);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(FindingCodes.DeployFailed, finding.Code);
        Assert.StartsWith($"cannot deploy 'web': cannot deploy to '{Path.Combine(blocker, "sub")}': ", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("; rolled back to the old certificate", finding.Message, StringComparison.Ordinal);
        Assert.Equal(old.Sha256, Sha256OfPem(Path.Combine(one, "cert.pem")));
    }

    [Fact]
    public async Task Run_AcmeSourceSuggestsAWindow_RenewsInsideItNotByTheDefaultRule()
    {
        var managed = (await _bed.AddAsync("web", _bed.Work.File("web"))) with { Source = new AcmeSourceSpec(new Uri("https://127.0.0.1:14000/dir"), null, null, "http-01", 5002, null) };
        await _bed.Store.SaveAsync(managed, default);
        var runner = _bed.Runner();
        Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        var now = _bed.Time.GetUtcNow();
        // A CA revoking early: renew between one and two days from now, although the default rule says day 60.
        _bed.SuggestedWindow = new RenewalWindow(now.AddDays(1), now.AddDays(2));

        var before = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));
        _bed.Time.SetUtcNow(now.AddDays(2));
        var inside = Assert.Single(await runner.RunAsync(new RenewalRunOptions(), default));

        Assert.Equal(RenewalStatus.NotDue, before.Status);
        Assert.InRange(before.Decision.RenewAt!.Value, now.AddDays(1), now.AddDays(2));
        Assert.Equal(RenewalStatus.Renewed, inside.Status);
        Assert.Equal("inside the CA's renewal window (ARI)", inside.Decision.Reason);
        Assert.Equal(2, _bed.WindowRequests);
    }

    [Fact]
    public async Task Run_DryRun_ChangesNothing()
    {
        var dir = _bed.Work.File("web");
        await _bed.AddAsync("web", dir);

        var outcome = Assert.Single(await _bed.Runner().RunAsync(new RenewalRunOptions { DryRun = true }, default));

        Assert.Equal(RenewalStatus.WouldRenew, outcome.Status);
        Assert.False(Directory.Exists(dir));
        Assert.Equal(0, _bed.SourcesCreated);
        Assert.Same(ManagedCertificateState.None, (await _bed.EntryAsync("web")).State);
    }

    [Fact]
    public async Task Run_Namespace_RenewsOnlyThatNamespace()
    {
        await _bed.Store.SaveAsync(new ManagedCertificate { Name = "a", Namespace = "prod", Source = new PrivateCaSourceSpec("corp", "server"), Domains = ["a.internal"], DeployTargets = [DeployTarget.Directory(_bed.Work.File("a"))] }, default);
        await _bed.Store.SaveAsync(new ManagedCertificate { Name = "b", Namespace = "dev", Source = new PrivateCaSourceSpec("corp", "server"), Domains = ["b.internal"], DeployTargets = [DeployTarget.Directory(_bed.Work.File("b"))] }, default);

        var outcome = Assert.Single(await _bed.Runner().RunAsync(new RenewalRunOptions { Namespace = "prod" }, default));

        Assert.Equal("a", outcome.Name);
        Assert.True(File.Exists(_bed.Work.File("a/cert.pem")));
        Assert.False(Directory.Exists(_bed.Work.File("b")));
    }

    [Fact]
    public async Task Run_AcmeSourceWithoutClient_FailsWithClearMessage()
    {
        var factory = new CertificateSourceFactory(_bed.Authority.Store, (_, _) => throw new InvalidOperationException("no CA key needed"), CertificateProfilesGet, _bed.Time);
        var managed = new ManagedCertificate
        {
            Name = "pub",
            Source = new AcmeSourceSpec(new Uri("https://127.0.0.1:14000/dir"), null, null, "http-01", 5002, null),
            Domains = ["pub.example.test"],
        };

        var error = await Assert.ThrowsAsync<CertwrightException>(() => factory.CreateAsync(managed, default));

        Assert.Equal("managed certificate 'pub' uses ACME (https://127.0.0.1:14000/dir), which this build of certwright does not renew yet (the ACME client is not wired in)", error.Message);
    }

    [Fact]
    public async Task Run_ManyCertificates_AllRenewedConcurrentlyWithDistinctKeys()
    {
        for (var i = 0; i < 40; i++)
        {
            await _bed.AddAsync($"c{i:D2}", _bed.Work.File($"c{i:D2}"));
        }

        var outcomes = await _bed.Runner().RunAsync(new RenewalRunOptions { MaxConcurrency = 8 }, default);

        Assert.Equal(40, outcomes.Count(o => o.Status == RenewalStatus.Renewed));
        Assert.Equal(40, outcomes.Select(o => o.Sha256).Distinct().Count());
        Assert.Equal(40, Enumerable.Range(0, 40).Select(i => File.ReadAllText(_bed.Work.File($"c{i:D2}/privkey.pem"))).Distinct().Count());
    }

    private static Certwright.Authority.CertificateProfile CertificateProfilesGet(string name) => Certwright.Authority.CertificateProfiles.Get(name);
}
