using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

/// <summary>
/// The denormalised and linked columns the writer maintains in code (no insert trigger, DER appended under
/// der_id, foreign keys unchecked inside recording sessions) stay consistent with the rows they summarise.
/// </summary>
public sealed class SqliteInventoryStoreIntegrityTests
{
    private const string CountsMismatch = """
        SELECT c.common_name, c.sighting_count, (SELECT count(*) FROM sightings s WHERE s.certificate_id = c.id)
        FROM certificates c WHERE c.sighting_count <> (SELECT count(*) FROM sightings s WHERE s.certificate_id = c.id);
        """;

    [Fact]
    public async Task SightingCount_PlacesAddedAcrossBatchesSessionsAndEndpoints_CountsEachPlaceOnce()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var shared = Fake("shared.test", Epoch.AddDays(20));
        var endpoint = Endpoint("127.0.0.1:443");

        await store.RecordAsync([Seen(shared, File("/a.pem"), Epoch), Seen(shared, File("/a.pem"), Epoch)], default);
        await store.RecordAsync([Seen(shared, File("/b.pem"), Epoch), Seen(shared, File("/a.pem"), Epoch.AddHours(1))], default);
        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            await recorder.RecordAsync([Seen(shared, File("/c.pem"), Epoch), Seen(shared, File("/b.pem"), Epoch)], default);
            await recorder.CommitAsync(default);
        }

        await store.RecordEndpointChainAsync(endpoint, [Seen(Fake("leaf.test", Epoch.AddDays(9)), endpoint, Epoch), Seen(shared, endpoint, Epoch, 1)], default);
        await store.RecordEndpointChainAsync(endpoint, [Seen(Fake("leaf.test", Epoch.AddDays(9)), endpoint, Epoch.AddHours(2)), Seen(shared, endpoint, Epoch.AddHours(2), 1)], default);

        Assert.Equal(4, (await store.FindAsync(shared.Sha256, default))?.SightingCount);
        Assert.Empty(SqliteFile.Rows(fixture.DatabasePath, CountsMismatch));
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
    }

    [Fact]
    public async Task SightingCount_SightingDeleted_CountsOneLess()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var record = Fake("twice.test", Epoch.AddDays(20));
        await store.RecordAsync([Seen(record, File("/a.pem"), Epoch), Seen(record, File("/b.pem"), Epoch)], default);

        SqliteFile.Execute(fixture.DatabasePath, "DELETE FROM sightings WHERE location_id = (SELECT id FROM locations WHERE address = '/b.pem');");

        Assert.Equal(1, (await store.FindAsync(record.Sha256, default))?.SightingCount);
        Assert.Empty(SqliteFile.Rows(fixture.DatabasePath, CountsMismatch));
    }

    [Fact]
    public async Task GetDerAsync_CertificatesRecordedInSeveralTransactions_ReturnsEachOnesBytes()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        store.RecordingCommitInterval = 4;
        var records = Enumerable.Range(0, 12).Select(i => Fake($"der{i}.test", Epoch.AddDays(12 - i))).ToList();

        await store.RecordAsync([.. records.Take(3).Select((r, i) => Seen(r, File($"/{i}.pem"), Epoch))], default);
        await using (var recorder = await store.BeginRecordingAsync(default))
        {
            foreach (var chunk in records.Skip(3).Chunk(3))
            {
                await recorder.RecordAsync([.. chunk.Select(r => Seen(r, File($"/{r.CommonName}.pem"), Epoch))], default);
            }

            await recorder.CommitAsync(default);
        }

        foreach (var record in records)
        {
            Assert.Equal(record.Der.ToArray(), await store.GetDerAsync(record.Sha256, default));
        }

        // Appended in arrival order (each batch in expiry order), one row per certificate, each referenced once.
        Assert.Equal(
            [.. Enumerable.Range(1, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SqliteFile.Rows(fixture.DatabasePath, "SELECT d.id FROM certificate_der d JOIN certificates c ON c.der_id = d.id ORDER BY d.id"));
    }

    [Fact]
    public async Task DeletingACertificate_RemovesItsDerAndSightings()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var gone = Fake("gone.test", Epoch.AddDays(3));
        var kept = Fake("kept.test", Epoch.AddDays(4));
        await store.RecordAsync([Seen(gone, File("/g.pem"), Epoch), Seen(kept, File("/k.pem"), Epoch)], default);

        SqliteFile.Execute(fixture.DatabasePath, $"DELETE FROM certificates WHERE sha256 = x'{gone.Sha256}';");

        Assert.Null(await store.GetDerAsync(gone.Sha256, default));
        Assert.Equal(kept.Der.ToArray(), await store.GetDerAsync(kept.Sha256, default));
        Assert.Equal((1L, 1L), ((long)SqliteFile.Scalar(fixture.DatabasePath, "SELECT count(*) FROM certificate_der")!, (await store.GetStatisticsAsync(default)).Sightings));
        Assert.Equal("ok", SqliteFile.Check(fixture.DatabasePath));
    }
}
