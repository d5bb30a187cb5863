using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Certwright.Bench.Store;
using Certwright.Inventory;
using Certwright.Storage;

// Usage:
//   StoreBench build  DATA_DIR COUNT [BATCH=5000] [START=0]   record COUNT synthetic observations, report rate per 100k
//   StoreBench list   DATA_DIR [DAYS=30] [RUNS=10] [NAMESPACE]  time ListAsync(expiring within DAYS), warm runs
//   StoreBench json   DATA_DIR [DAYS=30]                        one CLI-like run: open, list, write JSON to stdout
//   StoreBench import DATA_DIR CERT_DIR                         CertificateImporter as the CLI runs it, with GC counts
//   StoreBench endpoints DATA_DIR N                             N endpoint chains, one RecordEndpointChainAsync each (as scan does)
//   StoreBench find   DATA_DIR N                                time FindAsync by 10-digit prefix of observation N
//   StoreBench files  DATA_DIR CERT_DIR [BATCH=4096] [session]  parse CERT_DIR into memory first, then time recording it
//                                                               (session: through one IInventoryRecorder, as the importer does)
var command = args.ElementAtOrDefault(0);
var data = args.ElementAtOrDefault(1) ?? throw new ArgumentException("give a data directory");
var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
var synthetic = new SyntheticCertificates(now, expirySpreadDays: 730);
var total = Stopwatch.StartNew();
var cacheMiB = Environment.GetEnvironmentVariable("STOREBENCH_CACHE_MIB") is { Length: > 0 } cache ? int.Parse(cache, CultureInfo.InvariantCulture) : StorageConstants.DefaultCacheSizeMiB;
await using var store = await InventoryStore.OpenAsync(new StorageOptions { DataDirectory = data, CacheSizeMiB = cacheMiB }, TimeProvider.System, default);
var openMs = total.Elapsed.TotalMilliseconds;

switch (command)
{
    case "build":
        {
            var count = long.Parse(args[2], CultureInfo.InvariantCulture);
            var batchSize = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : StorageConstants.RecommendedBatchSize;
            var start = args.Length > 4 ? long.Parse(args[4], CultureInfo.InvariantCulture) : 0;
            var recording = new Stopwatch();
            var process = Process.GetCurrentProcess();
            var cpu = TimeSpan.Zero;
            var summary = RecordSummary.Empty;
            for (var n = start; n < start + count; n += batchSize)
            {
                var batch = new List<CertificateObservation>(batchSize);
                for (var i = n; i < Math.Min(n + batchSize, start + count); i++)
                {
                    batch.Add(synthetic.Observation(i));
                }

                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                recording.Start();
                var s = await store.RecordAsync(batch, default);
                recording.Stop();
                process.Refresh();
                cpu += process.TotalProcessorTime - cpuBefore;
                summary = new(summary.NewCertificates + s.NewCertificates, summary.KnownCertificates + s.KnownCertificates, summary.NewSightings + s.NewSightings, summary.UpdatedSightings + s.UpdatedSightings);
                var done = n + batch.Count - start;
                if (done % 100_000 == 0 || done == count)
                {
                    Console.WriteLine($"{n + batch.Count,9:N0} observations: {done / recording.Elapsed.TotalSeconds,8:N0}/s so far ({recording.Elapsed.TotalSeconds:F1} s in RecordAsync, {cpu.TotalSeconds:F1} s CPU)");
                }
            }

            Console.WriteLine($"done: {summary}");
            break;
        }

    case "list":
        {
            var days = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
            var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
            var query = new InventoryQuery { ExpiringBefore = now.AddDays(days), Namespace = args.ElementAtOrDefault(4) };
            var times = new List<double>();
            var rows = 0;
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                rows = 0;
                await foreach (var entry in store.ListAsync(query, default))
                {
                    rows++;
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"open {openMs:F1} ms; list within {days} d{(query.Namespace is null ? "" : $" in {query.Namespace}")}: {rows:N0} rows; first {times[0]:F1} ms, warm median {Median(times.Skip(1)):F1} ms, min {times.Min():F1} ms");
            break;
        }

    case "json":
        {
            var days = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
            using var stdout = Console.OpenStandardOutput();
            await using var json = new Utf8JsonWriter(new BufferedStream(stdout, 1 << 16));
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartArray("certificates");
            await foreach (var e in store.ListAsync(new InventoryQuery { ExpiringBefore = now.AddDays(days) }, default))
            {
                json.WriteStartObject();
                json.WriteString("sha256", e.Sha256);
                json.WriteString("subject", e.Subject);
                json.WriteString("commonName", e.CommonName);
                json.WriteString("issuer", e.Issuer);
                json.WriteString("serial", e.SerialNumber);
                json.WriteString("notBefore", e.NotBefore);
                json.WriteString("notAfter", e.NotAfter);
                json.WriteString("key", e.KeyDescription);
                json.WriteString("signatureAlgorithm", e.SignatureAlgorithm);
                json.WriteString("subjectAlternativeNames", e.SubjectAlternativeNames);
                json.WriteBoolean("isCa", e.IsCertificateAuthority);
                json.WriteNumber("sightings", e.SightingCount);
                json.WriteString("location", e.FirstLocation);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync();
            Console.Error.WriteLine($"open {openMs:F1} ms, total {total.Elapsed.TotalMilliseconds:F1} ms");
            break;
        }

    case "files":
        {
            var observations = await FileObservations.LoadAsync(args[2], now);
            var batchSize = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4096;
            if (Environment.GetEnvironmentVariable("STOREBENCH_READY_FILE") is { Length: > 0 } ready)
            {
                // Lets a profiler attach to the recording phase only: the file appears once parsing is done.
                await File.WriteAllTextAsync(ready, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                await Task.Delay(1000);
            }

            var process = Process.GetCurrentProcess();
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var summary = RecordSummary.Empty;
            if (args.ElementAtOrDefault(4) == "session")
            {
                // As CertificateImporter records: one session, committing on its own every so many observations.
                await using var recorder = await store.BeginRecordingAsync(default);
                for (var n = 0; n < observations.Count; n += batchSize)
                {
                    summary += await recorder.RecordAsync(observations.GetRange(n, Math.Min(batchSize, observations.Count - n)), default);
                }

                var commitWatch = Stopwatch.StartNew();
                summary += await recorder.CommitAsync(default);
                Console.WriteLine($"final commit {commitWatch.Elapsed.TotalMilliseconds:F0} ms");
            }
            else
            {
                for (var n = 0; n < observations.Count; n += batchSize)
                {
                    summary += await store.RecordAsync(observations.GetRange(n, Math.Min(batchSize, observations.Count - n)), default);
                }
            }

            watch.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var closeWatch = Stopwatch.StartNew();
            await store.DisposeAsync();
            Console.WriteLine($"close {closeWatch.Elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine($"recorded {observations.Count:N0} in {watch.Elapsed.TotalSeconds:F2} s ({observations.Count / watch.Elapsed.TotalSeconds:N0}/s), CPU {cpu.TotalSeconds:F2} s = {cpu.TotalMicroseconds / observations.Count:F1} us/observation; {summary}");
            break;
        }

    case "import":
        {
            // The CLI's import path (CertificateImporter: discovery and recording side by side), with GC figures.
            var importer = new CertificateImporter(new Certwright.Discovery.CertificateDiscovery(new Certwright.Discovery.DiscoveryOptions()), store, TimeProvider.System);
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var result = await importer.ImportAsync([args[2]], SightingLocation.DefaultNamespace, default);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine($"imported {result.CertificatesFound:N0} in {result.Duration.TotalSeconds:F2} s ({result.CertificatesFound / result.Duration.TotalSeconds:N0}/s), CPU {cpu.TotalSeconds:F2} s; "
                + $"GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, allocated {GC.GetTotalAllocatedBytes() / 1048576:N0} MiB; {result.Recorded}");
            break;
        }

    case "endpoints":
        {
            // What `certwright scan` costs the store: one small transaction per endpoint (leaf + shared issuer).
            var count = int.Parse(args[2], CultureInfo.InvariantCulture);
            var issuer = synthetic.Observation(20_000_000).Certificate;
            var watch = Stopwatch.StartNew();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            for (var i = 0; i < count; i++)
            {
                var endpoint = new SightingLocation(SightingKind.Endpoint, $"10.0.{i / 256}.{i % 256}:443", "svc.example.test");
                var leaf = synthetic.Observation(10_000_000 + i).Certificate;
                await store.RecordEndpointChainAsync(endpoint, [new(leaf, endpoint, 0, now), new(issuer, endpoint, 1, now)], default);
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine($"{count:N0} endpoint chains in {watch.Elapsed.TotalMilliseconds:F0} ms = {watch.Elapsed.TotalMicroseconds / count:F0} us each, CPU {cpu.TotalMicroseconds / count:F0} us each");
            break;
        }

    case "find":
        {
            var sha256 = synthetic.Observation(long.Parse(args[2], CultureInfo.InvariantCulture)).Certificate.Sha256;
            var watch = Stopwatch.StartNew();
            var found = await store.FindAsync(sha256[..10], default);
            Console.WriteLine($"find {sha256[..10]}: {found?.Subject ?? "none"} in {watch.Elapsed.TotalMilliseconds:F2} ms");
            break;
        }

    default:
        Console.Error.WriteLine("commands: build, list, json, find (see Program.cs)");
        return 2;
}

return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
}
