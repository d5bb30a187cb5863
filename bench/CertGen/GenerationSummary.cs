using System.Globalization;
using System.Text.Json;

namespace Certwright.Bench.CertGen;

/// <summary>What a generation run produced: written to manifest.json and printed as one readable paragraph.</summary>
internal sealed class GenerationSummary(
    LeavesOptions options,
    DateTimeOffset now,
    long files,
    long bytes,
    TimeSpan elapsed,
    long[] notAfter,
    LeafKey[] keys,
    long[] keyCounts,
    IssuerTemplate[] issuers,
    long[] issuerCounts)
{
    private readonly long _expired = notAfter.LongCount(t => t <= now.ToUnixTimeSeconds());
    private readonly long _expiring30 = notAfter.LongCount(t => t > now.ToUnixTimeSeconds() && t <= now.AddDays(30).ToUnixTimeSeconds());

    /// <summary>Thread time spent building and signing certificates, summed over threads.</summary>
    public TimeSpan EncodeTime { get; init; }

    /// <summary>Thread time spent creating and writing files, summed over threads.</summary>
    public TimeSpan WriteTime { get; init; }

    private double Rate => options.Count / elapsed.TotalSeconds;

    /// <summary>Certificates per second of one thread's encode+sign time, times the thread count.</summary>
    private double SigningRate => options.Count / EncodeTime.TotalSeconds * options.Threads;

    public void WriteManifest(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("count", options.Count);
        json.WriteNumber("perFile", options.PerFile);
        json.WriteNumber("files", files);
        json.WriteNumber("bytes", bytes);
        json.WriteNumber("seed", options.Seed);
        json.WriteString("generatedAt", now);
        json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteNumber("certificatesPerSecond", Math.Round(Rate));
        json.WriteNumber("threads", options.Threads);
        json.WriteNumber("encodeSignSecondsAllThreads", Math.Round(EncodeTime.TotalSeconds, 3));
        json.WriteNumber("writeSecondsAllThreads", Math.Round(WriteTime.TotalSeconds, 3));
        json.WriteNumber("signingCertificatesPerSecond", Math.Round(SigningRate));
        json.WriteNumber("expiredAtGeneration", _expired);
        json.WriteNumber("expiringWithin30DaysAtGeneration", _expiring30);
        json.WriteStartObject("keyTypes");
        foreach (var group in keys.Select((k, i) => (k.Label, Count: keyCounts[i])).GroupBy(x => x.Label))
        {
            json.WriteNumber(group.Key, group.Sum(x => x.Count));
        }

        json.WriteEndObject();
        json.WriteStartObject("issuers");
        for (var i = 0; i < issuers.Length; i++)
        {
            json.WriteNumber(issuers[i].Label, issuerCounts[i]);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(
            c,
            "certgen: {0:N0} certificates in {1:N0} files ({2:N1} MB) in {3:N2} s = {4:N0} certificates/s on {5} threads",
            options.Count,
            files,
            bytes / 1e6,
            elapsed.TotalSeconds,
            Rate,
            options.Threads));
        output.WriteLine(string.Format(
            c,
            "certgen: thread time: encode+sign {0:N2} s ({1:N1} us/certificate, {2:N0} certificates/s on {3} threads), file writes {4:N2} s ({5:N1} us/file)",
            EncodeTime.TotalSeconds,
            EncodeTime.TotalMicroseconds / options.Count,
            SigningRate,
            options.Threads,
            WriteTime.TotalSeconds,
            WriteTime.TotalMicroseconds / files));
        output.WriteLine(string.Format(
            c,
            "certgen: expired {0:N0} ({1:P1}), expiring within 30 days {2:N0} ({3:P1}); keys {4}; issuers {5}",
            _expired,
            (double)_expired / options.Count,
            _expiring30,
            (double)_expiring30 / options.Count,
            string.Join(", ", keys.Select((k, i) => (k.Label, Count: keyCounts[i])).GroupBy(x => x.Label).Select(g => $"{g.Key} {g.Sum(x => x.Count):N0}")),
            string.Join(", ", issuers.Select((s, i) => $"{s.Label} {issuerCounts[i]:N0}"))));
    }
}
