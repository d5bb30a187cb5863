using System.Diagnostics;
using System.Globalization;

namespace Certwright.Benchmarks;

/// <summary>
/// <c>parse-floor DIR</c>: the fastest Certwright could import DIR if storing cost nothing. Walks DIR,
/// reads and parses every file in parallel (one worker per core), drops the records and stores nothing.
/// Runs warm-up passes first (JIT, page cache), then reports the median.
/// </summary>
internal static class ParseFloorCommand
{
    public static async Task<int> RunAsync(string directory, int iterations, int warmup, int threads, ParseStage stage, TextWriter output)
    {
        if (!Directory.Exists(directory))
        {
            await output.WriteLineAsync($"parse-floor: directory {directory} does not exist");
            return 2;
        }

        var seconds = new List<double>();
        long certificates = 0;
        long files = 0;
        for (var run = -warmup; run < iterations; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            (files, certificates) = await ParseAdapter.ParseDirectoryAsync(directory, threads, stage, CancellationToken.None);
            stopwatch.Stop();
            var label = run < 0 ? "warm-up" : $"run {run + 1}";
            await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "parse-floor: {0}: {1:N0} certificates from {2:N0} files in {3:N3} s = {4:N0} certificates/s", label, certificates, files, stopwatch.Elapsed.TotalSeconds, certificates / stopwatch.Elapsed.TotalSeconds));
            if (run >= 0)
            {
                seconds.Add(stopwatch.Elapsed.TotalSeconds);
            }
        }

        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        await output.WriteLineAsync($"parse-floor: parser = {ParseAdapter.Name}; stage = {stage}; threads = {threads}");
        await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "RESULT certificates={0} files={1} median_seconds={2:F4} min_seconds={3:F4} threads={4} stand_in={5}", certificates, files, median, seconds[0], threads, ParseAdapter.IsStandIn ? 1 : 0));
        return certificates == 0 && stage != ParseStage.Read ? 1 : 0;
    }
}
