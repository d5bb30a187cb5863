using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Certwright.Bench.CertGen;

/// <summary>
/// <c>certgen leaves</c>: writes N leaves as PEM files under OUT/certs (one per file, or bundles of K), in parallel on
/// every core, then <c>notafter.txt</c> (one Unix time per certificate, for checking list counts later)
/// and <c>manifest.json</c> last, so a directory with a manifest is complete.
/// </summary>
internal static class LeavesCommand
{
    public static int Run(LeavesOptions options, TextWriter output)
    {
        if (Directory.Exists(options.OutDirectory) && Directory.EnumerateFileSystemEntries(options.OutDirectory).Any())
        {
            throw new UsageException($"output directory {options.OutDirectory} is not empty; remove it first");
        }

        var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        using var ca = BenchCa.LoadOrCreate(options.CaDirectory, now);
        var keys = LeafKey.CreatePool();
        var factory = new LeafSpecFactory(options, now, keys.Length, rsaIssuerIndex: 1);

        // Certificates go under certs/ so that the metadata files beside it are never imported.
        var certificates = Path.Combine(options.OutDirectory, "certs");
        var files = (options.Count + options.PerFile - 1) / options.PerFile;
        var directories = (files + options.FilesPerDirectory - 1) / options.FilesPerDirectory;
        for (var d = 0; d < directories; d++)
        {
            Directory.CreateDirectory(Path.Combine(certificates, $"d{d:D4}"));
        }

        var notAfter = new long[options.Count];
        var keyCounts = new long[keys.Length];
        var issuerCounts = new long[ca.Issuers.Length];
        long bytes = 0, encodeTicks = 0, writeTicks = 0;
        var gate = new Lock();

        var stopwatch = Stopwatch.StartNew();
        Parallel.For(
            0L,
            files,
            new ParallelOptions { MaxDegreeOfParallelism = options.Threads },
            () => new Worker(keys, ca.Issuers),
            (file, _, worker) =>
            {
                worker.Pem.Clear();
                var first = file * options.PerFile;
                var last = Math.Min(options.Count, first + options.PerFile);
                var started = Stopwatch.GetTimestamp();
                for (var i = first; i < last; i++)
                {
                    var spec = factory.Create(i);
                    worker.Pem.AppendCertificate(worker.Encoder.Encode(spec));
                    notAfter[i] = spec.NotAfter.ToUnixTimeSeconds();
                    worker.KeyCounts[spec.KeyIndex]++;
                    worker.IssuerCounts[spec.IssuerIndex]++;
                }

                var encoded = Stopwatch.GetTimestamp();
                worker.EncodeTicks += encoded - started;
                var name = options.PerFile == 1 ? $"cert-{file:D7}.pem" : $"bundle-{file:D6}.pem";
                File.WriteAllBytes(Path.Combine(certificates, $"d{file / options.FilesPerDirectory:D4}", name), worker.Pem.WrittenSpan);
                worker.Bytes += worker.Pem.WrittenSpan.Length;
                worker.WriteTicks += Stopwatch.GetTimestamp() - encoded;
                return worker;
            },
            worker =>
            {
                lock (gate)
                {
                    Add(keyCounts, worker.KeyCounts);
                    Add(issuerCounts, worker.IssuerCounts);
                    bytes += worker.Bytes;
                    encodeTicks += worker.EncodeTicks;
                    writeTicks += worker.WriteTicks;
                }

                worker.Dispose();
            });
        stopwatch.Stop();

        var summary = new GenerationSummary(options, now, files, bytes, stopwatch.Elapsed, notAfter, keys, keyCounts, ca.Issuers, issuerCounts)
        {
            EncodeTime = Stopwatch.GetElapsedTime(0, encodeTicks),
            WriteTime = Stopwatch.GetElapsedTime(0, writeTicks),
        };
        WriteNotAfter(Path.Combine(options.OutDirectory, "notafter.txt"), notAfter);
        summary.WriteManifest(Path.Combine(options.OutDirectory, "manifest.json"));
        summary.Print(output);
        return 0;
    }

    private static void Add(long[] total, long[] part)
    {
        for (var i = 0; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }

    private static void WriteNotAfter(string path, long[] notAfter)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        foreach (var value in notAfter)
        {
            writer.Write(value.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private sealed class Worker(LeafKey[] keys, IssuerTemplate[] issuers) : IDisposable
    {
        public LeafEncoder Encoder { get; } = new(keys, issuers);

        public PemBuffer Pem { get; } = new();

        public long[] KeyCounts { get; } = new long[keys.Length];

        public long[] IssuerCounts { get; } = new long[issuers.Length];

        public long Bytes { get; set; }

        public long EncodeTicks { get; set; }

        public long WriteTicks { get; set; }

        public void Dispose() => Encoder.Dispose();
    }
}
