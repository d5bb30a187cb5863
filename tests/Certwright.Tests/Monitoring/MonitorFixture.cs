using Certwright.Monitoring;
using Certwright.Scanning;
using Certwright.Storage;
using Certwright.Storage.Sqlite;
using Certwright.Tests.TestSupport;
using Certwright.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Monitoring;

/// <summary>
/// A real inventory and monitor store in a temp directory, a test CA, fake time starting now (whole seconds), and a
/// MonitorRunner with the real scanner, validator and checker. Servers the test starts are stopped on dispose.
/// </summary>
internal sealed class MonitorFixture : IAsyncDisposable
{
    private readonly List<BackgroundServer> _servers = [];

    private MonitorFixture(TempDirectory directory, FakeTimeProvider time, SqliteInventoryStore inventory, SqliteMonitorStore monitor, TestCertificate root)
    {
        Directory = directory;
        Time = time;
        Inventory = inventory;
        Monitor = monitor;
        Root = root;
    }

    public TempDirectory Directory { get; }

    public FakeTimeProvider Time { get; }

    public DateTimeOffset Start { get; private init; }

    public SqliteInventoryStore Inventory { get; }

    public SqliteMonitorStore Monitor { get; }

    public TestCertificate Root { get; }

    public static async Task<MonitorFixture> CreateAsync()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var time = new FakeTimeProvider(start);
        var directory = new TempDirectory();
        var options = new StorageOptions { DataDirectory = directory.Path, CacheSizeMiB = 8 };
        var path = DataDirectory.DatabasePath(directory.Path);
        var inventory = await SqliteInventoryStore.OpenAsync(path, options, time, CancellationToken.None);
        var monitor = SqliteMonitorStore.Open(path, options, time);
        var root = TestPki.CreateRoot(notBefore: start.AddYears(-1), notAfter: start.AddYears(5), keyType: TestKeyType.Rsa2048);
        return new MonitorFixture(directory, time, inventory, monitor, root) { Start = start };
    }

    public MonitorRunner CreateRunner(int seed = 7, TimeSpan? drainTimeout = null, Certwright.Scanning.Probing.ITlsProber? prober = null)
    {
        var scanner = new EndpointScanner(new EndpointScannerOptions(), Time);
        var checker = new Certwright.Monitoring.EndpointChecker(scanner, new ChainValidator(), Time, Inventory);
        return new MonitorRunner(checker, scanner, Monitor, Inventory, TrustStore.FromCertificates([Root.Der]), Time, new Random(seed))
        {
            DrainTimeout = drainTimeout ?? TimeSpan.FromSeconds(5),
            Prober = prober,
        };
    }

    /// <summary>Starts openssl s_server on <paramref name="port"/> with a leaf of the test CA valid until <paramref name="notAfter"/>.</summary>
    public async Task<TestCertificate> StartServerAsync(int port, DateTimeOffset notAfter, IEnumerable<string>? serverArguments = null)
    {
        // RSA: the test leaves carry keyEncipherment, which an EC key must not (invalid-key-usage).
        var leaf = TestPki.CreateLeaf(Root, "localhost", notBefore: Start.AddDays(-1), notAfter: notAfter, keyType: TestKeyType.Rsa2048);
        var name = $"leaf-{port}";
        var certificate = Directory.Write(name + ".crt", leaf.CertificatePem);
        var key = Directory.Write(name + ".key", leaf.PrivateKeyPem);
        _servers.Add(await OpenSslServer.StartAsync(port, certificate, key, serverArguments));
        return leaf;
    }

    /// <summary>Polls the history (real time, bounded) until <paramref name="target"/> has <paramref name="count"/> results; returns them oldest first.</summary>
    public async Task<IReadOnlyList<CheckResult>> WaitForResultsAsync(string target, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var history = await Monitor.GetHistoryAsync(target, 100, CancellationToken.None);
            if (history.Count >= count)
            {
                return history.Reverse().ToArray();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{target} has {history.Count} results after 30 s, expected {count}");
            }

            await Task.Delay(20);
        }
    }

    public async Task<CheckResult> LatestAsync(string target) =>
        (await Monitor.GetLatestAsync(withFindings: true, CancellationToken.None)).Single(r => r.Target == target);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await Monitor.DisposeAsync();
        await Inventory.DisposeAsync();
        Root.Dispose();
        Directory.Dispose();
    }
}
