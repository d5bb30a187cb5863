namespace Certwright.Benchmarks;

/// <summary>
/// What the parse floor runs. It must do what <c>certwright import</c> does, minus storing: walk the
/// directory and parse every file with Certwright's discovery engine (src/Certwright/Discovery) and
/// <c>CertificateContainerReader</c> (src/Certwright/Certificates). The project defines
/// CERTWRIGHT_DISCOVERY / CERTWRIGHT_PARSER when those files are in the tree; with neither, a clearly
/// labelled stand-in (<see cref="StandInParser"/>, the platform's X509CertificateLoader) runs instead.
/// <see cref="Name"/> is printed with every result so a stand-in number is never taken for the real one.
/// </summary>
internal static class ParseAdapter
{
#if CERTWRIGHT_DISCOVERY
    public const string Name = "Certwright CertificateDiscovery + CertificateContainerReader";

    public const bool IsStandIn = false;

    public static async Task<(long Files, long Certificates)> ParseDirectoryAsync(string directory, int threads, ParseStage stage, CancellationToken cancellationToken)
    {
        _ = stage; // the engine always parses fully
        var discovery = new Certwright.Discovery.CertificateDiscovery(new Certwright.Discovery.DiscoveryOptions { MaxDegreeOfParallelism = threads });
        var statistics = new Certwright.Discovery.DiscoveryStatistics();
        long certificates = 0;
        await foreach (var result in discovery.DiscoverAsync([directory], statistics, cancellationToken))
        {
            if (result.Problems.Count > 0)
            {
                throw new InvalidDataException(result.Problems[0].Message);
            }

            certificates += result.Certificates.Count;
        }

        return (statistics.FilesRead, certificates);
    }
#elif CERTWRIGHT_PARSER
    public const string Name = "Certwright CertificateContainerReader (no discovery engine in this tree: files read in Parallel.ForEachAsync)";

    public const bool IsStandIn = false;

    private static readonly Certwright.Certificates.CertificateContainerReader Reader = new();

    public static Task<(long Files, long Certificates)> ParseDirectoryAsync(string directory, int threads, ParseStage stage, CancellationToken cancellationToken) =>
        EachFileAsync(directory, threads, cancellationToken, async (path, ct) =>
        {
            if (stage == ParseStage.Read)
            {
                _ = await File.ReadAllBytesAsync(path, ct);
                return 0;
            }

            var result = await Reader.ReadFileAsync(path, cancellationToken: ct);
            return result.Problems.Count > 0
                ? throw new InvalidDataException(result.Problems[0].Message)
                : result.Certificates.Count;
        });
#else
    public const string Name = "STAND-IN: platform X509CertificateLoader (Certwright's parser not merged yet)";

    public const bool IsStandIn = true;

    public static Task<(long Files, long Certificates)> ParseDirectoryAsync(string directory, int threads, ParseStage stage, CancellationToken cancellationToken) =>
        EachFileAsync(directory, threads, cancellationToken, (path, _) => ValueTask.FromResult(StandInParser.ParseFile(path, stage)));
#endif

    /// <summary>Every file under <paramref name="directory"/>, parsed in parallel, one worker per thread.</summary>
    private static async Task<(long Files, long Certificates)> EachFileAsync(string directory, int threads, CancellationToken cancellationToken, Func<string, CancellationToken, ValueTask<int>> parse)
    {
        var paths = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToList();
        long certificates = 0;
        await Parallel.ForEachAsync(
            paths,
            new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            async (path, ct) => Interlocked.Add(ref certificates, await parse(path, ct)));
        return (paths.Count, certificates);
    }
}

/// <summary>How far a parse goes, to see where a slow floor spends its time (stand-in only; the real engine always parses fully).</summary>
internal enum ParseStage
{
    Read,
    Pem,
    Load,
    Record,
}
