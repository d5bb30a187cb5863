using Certwright.Discovery;
using Certwright.Inventory;
using Certwright.Policy;
using Certwright.Storage.Sqlite;
using Certwright.Tests.Storage;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Inventory;

public sealed class CertificateImporterTests : IDisposable
{
    private readonly TempDirectory _files = new();
    private readonly TestCertificate _root = TestPki.CreateRoot();
    private readonly TestCertificate _leaf;

    public CertificateImporterTests()
    {
        _leaf = TestPki.CreateLeaf(_root, "api.example.test");
    }

    [Fact]
    public async Task ImportAsync_TreeOfPemFiles_RecordsEveryCertificateWhereItWasFound()
    {
        _files.Write("bundle.pem", TestPki.Bundle(_leaf, _root));
        _files.Write("sub/leaf.crt", _leaf.CertificatePem);
        _files.Write("sub/broken.pem", "not a certificate\n");
        for (var i = 0; i < 5; i++)
        {
            using var other = TestPki.CreateLeaf(_root, $"host{i}.example.test");
            _files.Write($"many/host{i}.pem", other.CertificatePem);
        }

        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var importer = new CertificateImporter(new CertificateDiscovery(new DiscoveryOptions()), store, fixture.Time, batchSize: 2);

        var summary = await importer.ImportAsync([_files.Path], "team-a", default);

        Assert.Equal((8L, 8L), (summary.Files, summary.CertificatesFound));
        Assert.Equal(new RecordSummary(NewCertificates: 7, KnownCertificates: 1, NewSightings: 8, UpdatedSightings: 0), summary.Recorded);
        Assert.Equal(FindingCodes.UnsupportedFormat, Assert.Single(summary.Problems).Code);
        var sightings = await store.GetSightingsAsync(_leaf.Sha256, default);
        Assert.Equal(
            [($"{_files.Path}/bundle.pem", 0), ($"{_files.Path}/sub/leaf.crt", 0)],
            sightings.Select(s => (s.Location.Address, s.Position)).Order());
        Assert.All(sightings, s => Assert.Equal(("team-a", fixture.Time.GetUtcNow()), (s.Location.Namespace, s.FirstSeen)));
        Assert.Equal(1, Assert.Single(await store.GetSightingsAsync(_root.Sha256, default)).Position);
        Assert.Equal(7, (await store.GetStatisticsAsync(default)).Certificates);
    }

    [Fact]
    public async Task ImportAsync_SameTreeAgain_FindsEverythingKnown()
    {
        _files.Write("bundle.pem", TestPki.Bundle(_leaf, _root));
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var importer = new CertificateImporter(new CertificateDiscovery(new DiscoveryOptions()), store, fixture.Time);
        await importer.ImportAsync([_files.Path], SightingLocation.DefaultNamespace, default);
        fixture.Time.Advance(TimeSpan.FromDays(1));

        var again = await importer.ImportAsync([_files.Path], SightingLocation.DefaultNamespace, default);

        Assert.Equal(new RecordSummary(0, 2, 0, 2), again.Recorded);
        Assert.All(await store.GetSightingsAsync(_root.Sha256, default), s => Assert.Equal(fixture.Time.GetUtcNow(), s.LastSeen));
    }

    [Fact]
    public async Task ImportAsync_DatabaseLockedByAnotherWriter_ReportsTheLockAndRecordsNothing()
    {
        _files.Write("bundle.pem", TestPki.Bundle(_leaf, _root));
        await using var fixture = new StoreFixture();
        var options = fixture.Options;
        options.BusyTimeout = TimeSpan.Zero;
        await using var store = await SqliteInventoryStore.OpenAsync(fixture.DatabasePath, options, fixture.Time, default);
        var importer = new CertificateImporter(new CertificateDiscovery(new DiscoveryOptions()), store, fixture.Time);

        CertwrightException error;
        using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False"))
        {
            other.Open();
            using var holding = other.BeginTransaction(deferred: false);
            error = await Assert.ThrowsAsync<CertwrightException>(() => importer.ImportAsync([_files.Path], SightingLocation.DefaultNamespace, default));
        }

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.StartsWith($"inventory database '{fixture.DatabasePath}' stayed locked by another process", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.GetStatisticsAsync(default)).Certificates);
    }

    [Fact]
    public async Task ImportAsync_Cancelled_StopsAndCommitsNothingUnfinished()
    {
        _files.Write("bundle.pem", TestPki.Bundle(_leaf, _root));
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var importer = new CertificateImporter(new CertificateDiscovery(new DiscoveryOptions()), store, fixture.Time);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync([_files.Path], SightingLocation.DefaultNamespace, cancelled.Token));

        Assert.Equal(0, (await store.GetStatisticsAsync(default)).Certificates);
    }

    public void Dispose()
    {
        _leaf.Dispose();
        _root.Dispose();
        _files.Dispose();
    }
}
