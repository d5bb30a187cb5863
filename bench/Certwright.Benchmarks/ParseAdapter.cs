namespace Certwright.Benchmarks;

/// <summary>
/// The parser the floor measures. It must be the one <c>certwright import</c> uses: Certwright's
/// <c>CertificateContainerReader</c> (src/Certwright/Certificates). The project defines CERTWRIGHT_PARSER
/// when that file is in the tree; before the parser was merged, a clearly labelled stand-in
/// (<see cref="StandInParser"/>, the platform's X509CertificateLoader) filled the same model instead.
/// <see cref="Name"/> is printed with every result so a stand-in number is never taken for the real one.
/// </summary>
internal static class ParseAdapter
{
#if CERTWRIGHT_PARSER
    public const string Name = "Certwright CertificateContainerReader";

    public const bool IsStandIn = false;

    private static readonly Certwright.Certificates.CertificateContainerReader s_reader = new();

    /// <summary>Reads one file and parses every certificate in it; returns how many it parsed.</summary>
    public static async ValueTask<int> ParseFileAsync(string path, ParseStage stage, CancellationToken cancellationToken)
    {
        if (stage == ParseStage.Read)
        {
            _ = await File.ReadAllBytesAsync(path, cancellationToken);
            return 0;
        }

        var result = await s_reader.ReadFileAsync(path, cancellationToken: cancellationToken);
        return result.Problems.Count > 0
            ? throw new InvalidDataException($"{path}: {result.Problems[0].Message}")
            : result.Certificates.Count;
    }
#else
    public const string Name = "STAND-IN: platform X509CertificateLoader (Certwright's parser not merged yet)";

    public const bool IsStandIn = true;

    public static ValueTask<int> ParseFileAsync(string path, ParseStage stage, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StandInParser.ParseFile(path, stage));
#endif
}

/// <summary>How far a parse goes, to see where a slow floor spends its time (the real reader knows Read and Record only).</summary>
internal enum ParseStage
{
    Read,
    Pem,
    Load,
    Record,
}
