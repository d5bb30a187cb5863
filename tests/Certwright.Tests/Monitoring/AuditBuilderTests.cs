using Certwright.Certificates;
using Certwright.Monitoring.Audit;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Monitoring;

public sealed class AuditBuilderTests
{
    [Fact]
    public async Task BuildAsync_EndpointsAndFiles_GroupsCurrentFindingsByNamespaceAndOwner()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        var port = FreePort.Next();
        using var served = await fixture.StartServerAsync(port, fixture.Start.AddDays(20));
        var web = new MonitorTarget { Endpoint = new ScanTarget("localhost", port), Namespace = "prod", Owner = "team-web" };
        var down = new MonitorTarget { Endpoint = new ScanTarget("127.0.0.1", FreePort.Next()), Namespace = "prod", Owner = "team-web" };
        var never = new MonitorTarget { Endpoint = new ScanTarget("never.test", 443), Namespace = "dev" };
        var runner = fixture.CreateRunner();
        foreach (var target in new[] { web, down })
        {
            await runner.CheckAsync(CheckSchedulerTests.PlannedCheckFor(target, CheckSchedule.Every(TimeSpan.FromHours(1)), ExpiryThresholds.Default), CancellationToken.None);
        }

        using var expired = TestPki.CreateLeaf(fixture.Root, "old.test", notBefore: fixture.Start.AddDays(-300), notAfter: fixture.Start.AddDays(-2), keyType: TestKeyType.Rsa2048);
        using var fine = TestPki.CreateLeaf(fixture.Root, "fine.test", notBefore: fixture.Start.AddDays(-1), notAfter: fixture.Start.AddDays(300), keyType: TestKeyType.Rsa2048);
        var certs = Path.Combine(fixture.Directory.Path, "etc", "tls");
        Directory.CreateDirectory(certs);
        File.WriteAllText(Path.Combine(certs, "old.pem"), expired.CertificatePem);
        File.WriteAllText(Path.Combine(certs, "fine.pem"), fine.CertificatePem);
        var directory = new WatchedDirectory { Paths = [Path.Combine(fixture.Directory.Path, "etc")], Namespace = "prod", Owner = "team-ops" };
        await runner.CheckAsync(
            CheckSchedulerTests.DirectoryCheckFor(directory),
            CancellationToken.None);
        fixture.Time.Advance(TimeSpan.FromHours(1));

        var report = await new AuditBuilder(fixture.Monitor, fixture.Inventory, fixture.Time)
            .BuildAsync(new AuditOptions { Targets = [web, down, never], Directories = [directory] }, CancellationToken.None);

        Assert.Equal(fixture.Start.AddHours(1), report.GeneratedAt);
        Assert.Equal(["never.test:443"], report.NotChecked);
        Assert.Equal([("prod", "team-ops"), ("prod", "team-web")], report.Groups.Select(g => (g.Namespace, g.Owner!)));
        var file = Assert.Single(report.Groups[0].Rows);
        Assert.Equal(AuditSource.File, file.Source);
        Assert.Equal(Path.Combine(certs, "old.pem"), file.Location);
        Assert.Equal(FindingCodes.Expired, file.Code);
        Assert.Equal(Severity.Critical, file.Severity);
        Assert.Equal(expired.Sha256, file.Sha256);
        Assert.Equal("CN=old.test", file.Subject);
        Assert.Equal(-3, file.DaysLeft);

        var endpointRows = report.Groups[1].Rows;
        // The directory check's own expired finding is not repeated: the file row above carries it with its days left.
        // The leaf served has an RSA key: quantum-vulnerable comes from the audit, not from the check.
        Assert.Equal([FindingCodes.EndpointUnreachable, FindingCodes.ExpiresSoon, FindingCodes.QuantumVulnerable], endpointRows.Select(r => r.Code));
        Assert.Equal((web.Key, served.Sha256, Severity.Info), (endpointRows[2].Location, endpointRows[2].Sha256, endpointRows[2].Severity));
        Assert.Equal("CN=localhost: its RSA 2048 key could be broken by a quantum computer; plan its move to ML-DSA (FIPS 204)", endpointRows[2].Message);
        Assert.DoesNotContain((await fixture.LatestAsync(web.Key)).Findings, f => f.Code == FindingCodes.QuantumVulnerable);
        Assert.Equal(down.Key, endpointRows[0].Location);
        Assert.Null(endpointRows[0].Sha256);
        Assert.Equal(web.Key, endpointRows[1].Location);
        Assert.Equal(served.Sha256, endpointRows[1].Sha256);
        Assert.Equal("CN=localhost", endpointRows[1].Subject);
        Assert.Equal(19, endpointRows[1].DaysLeft);
        Assert.Equal(fixture.Start, endpointRows[1].ObservedAt);
        Assert.Equal(Severity.Critical, report.Worst);
        Assert.Equal(2, report.Count(Severity.Critical));
    }

    [Fact]
    public async Task BuildAsync_FileGoneSinceTheLatestImport_ItsFindingsAreNotCurrent()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        using var gone = TestPki.CreateLeaf(fixture.Root, "gone.test", notBefore: fixture.Start.AddDays(-300), notAfter: fixture.Start.AddDays(-2), keyType: TestKeyType.Rsa2048);
        using var kept = TestPki.CreateLeaf(fixture.Root, "kept.test", notBefore: fixture.Start.AddDays(-300), notAfter: fixture.Start.AddDays(5), keyType: TestKeyType.Rsa2048);
        var certs = Path.Combine(fixture.Directory.Path, "tls");
        Directory.CreateDirectory(certs);
        File.WriteAllText(Path.Combine(certs, "gone.pem"), gone.CertificatePem);
        File.WriteAllText(Path.Combine(certs, "kept.pem"), kept.CertificatePem);
        var directory = new WatchedDirectory { Paths = [certs], Owner = "ops" };
        var check = CheckSchedulerTests.DirectoryCheckFor(directory);
        var runner = fixture.CreateRunner();
        await runner.CheckAsync(check, CancellationToken.None);
        var builder = new AuditBuilder(fixture.Monitor, fixture.Inventory, fixture.Time);
        var before = await builder.BuildAsync(new AuditOptions { Directories = [directory] }, CancellationToken.None);

        File.Delete(Path.Combine(certs, "gone.pem"));
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await runner.CheckAsync(check, CancellationToken.None);
        var after = await builder.BuildAsync(new AuditOptions { Directories = [directory] }, CancellationToken.None);

        Assert.Equal(
            [(Path.Combine(certs, "gone.pem"), FindingCodes.Expired), (Path.Combine(certs, "kept.pem"), FindingCodes.ExpiresSoon)],
            Assert.Single(before.Groups).Rows.Select(r => (r.Location, r.Code)));
        var row = Assert.Single(Assert.Single(after.Groups).Rows);
        Assert.Equal((Path.Combine(certs, "kept.pem"), FindingCodes.ExpiresSoon, "ops"), (row.Location, row.Code, row.Owner));
    }

    [Fact]
    public async Task BuildAsync_NamespaceFilterAndExtraEvaluator_KeepOnlyThatNamespace()
    {
        await using var fixture = await MonitorFixture.CreateAsync();
        using var leaf = TestPki.CreateLeaf(fixture.Root, "a.test", notBefore: fixture.Start.AddDays(-1), notAfter: fixture.Start.AddDays(300), keyType: TestKeyType.Rsa2048);
        var record = CertificateRecord.FromDer(leaf.Der);
        await fixture.Inventory.RecordAsync(
            [
                new Certwright.Inventory.CertificateObservation(record, new Certwright.Inventory.SightingLocation(Certwright.Inventory.SightingKind.File, "/srv/a/a.pem") { Namespace = "a" }, 0, fixture.Start),
                new Certwright.Inventory.CertificateObservation(record, new Certwright.Inventory.SightingLocation(Certwright.Inventory.SightingKind.File, "/srv/b/a.pem") { Namespace = "b" }, 0, fixture.Start),
            ],
            CancellationToken.None);
        var builder = new AuditBuilder(fixture.Monitor, fixture.Inventory, fixture.Time)
        {
            CertificateFindings = (certificate, now) => [new Finding(FindingCodes.QuantumVulnerable, Severity.Info, $"{certificate.Subject} uses a classical key", certificate.Sha256)],
        };

        var report = await builder.BuildAsync(
            new AuditOptions { Namespace = "b", Directories = [new WatchedDirectory { Paths = ["/srv/b"], Owner = "bee" }] },
            CancellationToken.None);

        var group = Assert.Single(report.Groups);
        Assert.Equal(("b", "bee"), (group.Namespace, group.Owner));
        var row = Assert.Single(group.Rows);
        Assert.Equal(("/srv/b/a.pem", FindingCodes.QuantumVulnerable, Severity.Info), (row.Location, row.Code, row.Severity));
        Assert.Equal(Severity.Info, report.Worst);
    }

    [Theory]
    [InlineData("/srv/app/tls/a.pem", "inner")]
    [InlineData("/srv/app/b.pem", "outer")]
    [InlineData("/srv/application/c.pem", null)]
    public void OwnerOf_LongestWatchedPathWins(string path, string? owner)
    {
        WatchedDirectory[] directories =
        [
            new() { Paths = ["/srv/app"], Owner = "outer" },
            new() { Paths = ["/srv/app/tls/"], Owner = "inner" },
        ];

        Assert.Equal(owner, AuditBuilder.OwnerOf(path, directories));
    }
}
