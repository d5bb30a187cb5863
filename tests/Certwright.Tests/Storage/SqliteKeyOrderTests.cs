using Certwright.Certificates;
using Certwright.Inventory;
using Certwright.Storage.Sqlite;
using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

/// <summary>
/// Writing in key order (a recording session's buffers, a large RecordAsync batch) must store exactly what writing
/// each observation in arrival order stores: first locations, sighting counts and times, probe-chain collisions.
/// </summary>
public sealed class SqliteKeyOrderTests
{
    private const string Certificates =
        "SELECT hex(sha256), id, first_location, sighting_count, first_seen, not_after, common_name FROM certificates ORDER BY sha256";

    private const string Sightings = """
        SELECT hex(c.sha256), l.address, l.detail, s.position, s.first_seen, s.last_seen
        FROM sightings s JOIN certificates c ON c.id = s.certificate_id JOIN locations l ON l.id = s.location_id
        ORDER BY 1, 2, 3
        """;

    private const string Locations = "SELECT id, kind, address, server_name, detail, namespace FROM locations ORDER BY id";

    private const string Der = "SELECT hex(c.sha256), hex(d.der) FROM certificates c JOIN certificate_der d ON d.id = c.der_id ORDER BY 1";

    [Fact]
    public async Task KeyOrderedWrites_SessionAcrossBuffersAndLargeBatches_StoreWhatArrivalOrderStores()
    {
        var observations = Workload();
        Assert.True(observations.Count > SqliteInventoryRecorder.BufferRows + 1000, "the workload must span more than one session buffer");

        await using var arrivalStore = new StoreFixture();
        await using var sessionStore = new StoreFixture();
        await using var batchesStore = new StoreFixture();
        var (arrival, arrivalPath) = await RecordAsync(arrivalStore, observations, async (store, all) =>
        {
            var total = RecordSummary.Empty;
            // Below SqliteKeyOrder.MinimumRows a batch is written in arrival order.
            foreach (var batch in all.Chunk(SqliteKeyOrder.MinimumRows - 1))
            {
                total += await store.RecordAsync(batch, default);
            }

            return total;
        });
        var (session, sessionPath) = await RecordAsync(sessionStore, observations, async (store, all) =>
        {
            await using var recorder = await store.BeginRecordingAsync(default);
            var total = RecordSummary.Empty;
            foreach (var batch in all.Chunk(256))
            {
                total += await recorder.RecordAsync(batch, default);
            }

            return total + await recorder.CommitAsync(default);
        });
        var (batches, batchesPath) = await RecordAsync(batchesStore, observations, async (store, all) =>
        {
            var total = RecordSummary.Empty;
            foreach (var batch in all.Chunk(5000))
            {
                total += await store.RecordAsync(batch, default);
            }

            return total;
        });

        Assert.Equal(arrival, session);
        Assert.Equal(arrival, batches);
        foreach (var query in new[] { Certificates, Sightings, Locations, Der })
        {
            var expected = SqliteFile.Rows(arrivalPath, query);
            Assert.Equal(expected, SqliteFile.Rows(sessionPath, query));
            Assert.Equal(expected, SqliteFile.Rows(batchesPath, query));
        }

        // The workload's traps did happen: the colliding certificates hold their slot and the next, one certificate
        // has two places, and three sightings were seen again (twice in one file, twice in one bundle; a file seen again).
        Assert.Equal(["11259375", "11259376"], SqliteFile.Rows(arrivalPath, "SELECT id % 16777216 FROM certificates WHERE common_name LIKE 'collide-%' ORDER BY 1"));
        Assert.Equal(["2"], SqliteFile.Rows(arrivalPath, "SELECT sighting_count FROM certificates WHERE common_name = 'everywhere'"));
        Assert.Equal(["/first-home.pem"], SqliteFile.Rows(arrivalPath, "SELECT first_location FROM certificates WHERE common_name = 'everywhere'"));
        Assert.Equal(["3"], SqliteFile.Rows(arrivalPath, "SELECT count(*) FROM sightings WHERE last_seen > first_seen"));
        Assert.Equal("ok", SqliteFile.Check(sessionPath));
    }

    /// <summary>
    /// ~21,000 observations: one-certificate files, a three-certificate bundle, a certificate seen at two files in
    /// different buffers, one seen twice at one path, one twice in one bundle, a file seen again later, and two certificates whose ids collide
    /// (same expiry second, same first 24 bits of SHA-256).
    /// </summary>
    private static List<CertificateObservation> Workload()
    {
        var list = new List<CertificateObservation>();
        var everywhere = Fake("everywhere", Epoch.AddDays(400));
        var twice = Fake("twice", Epoch.AddDays(401));
        var collideAt = Epoch.AddDays(402);
        var collideA = Fake("collide-a", collideAt, sha256: "abcdef" + new string('1', 58));
        var collideB = Fake("collide-b", collideAt, sha256: "abcdef" + new string('2', 58));
        var bundle = File("/bundle.pem");
        var revisited = File("/revisited.pem");
        var seen = 0;
        CertificateObservation At(CertificateRecord certificate, SightingLocation location, int position = 0) =>
            Seen(certificate, location, Epoch.AddSeconds(seen++), position);

        list.Add(At(everywhere, File("/first-home.pem")));
        list.Add(At(collideB, File("/collide-b.pem")));
        list.Add(At(Fake("revisited-0", Epoch.AddDays(3)), revisited));
        for (var i = 0; i < SqliteInventoryRecorder.BufferRows + 4000; i++)
        {
            list.Add(At(Fake($"leaf{i}", Epoch.AddDays(i % 700).AddSeconds(i)), File($"/leaves/{i}.pem")));
            if (i == 5000)
            {
                list.Add(At(Fake("bundle-leaf", Epoch.AddDays(30)), bundle));
                list.Add(At(Fake("bundle-ca", Epoch.AddDays(900)), bundle, 1));
                list.Add(At(everywhere, bundle, 2));
                list.Add(At(twice, File("/twice.pem")));
                list.Add(At(twice, File("/twice.pem"), 1));
                // One file (one location object) holding the same certificate twice.
                var repeats = File("/repeats.pem");
                var repeated = Fake("repeated", Epoch.AddDays(45));
                list.Add(At(repeated, repeats));
                list.Add(At(repeated, repeats, 1));
            }

            if (i == 12_000)
            {
                list.Add(At(collideA, File("/collide-a.pem")));
            }
        }

        // The same file again (an equal location, not the same object): its certificate is seen again.
        list.Add(At(Fake("revisited-0", Epoch.AddDays(3)), File("/revisited.pem")));
        return list;
    }

    private static async Task<(RecordSummary Summary, string Path)> RecordAsync(
        StoreFixture fixture, List<CertificateObservation> observations, Func<SqliteInventoryStore, List<CertificateObservation>, Task<RecordSummary>> record)
    {
        var store = await fixture.OpenAsync();
        var summary = await record(store, observations);
        return (summary, fixture.DatabasePath);
    }
}
