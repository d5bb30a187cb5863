using System.Text;
using Certwright.Scanning;

namespace Certwright.Cli.Commands;

/// <summary>Turns the targets given as arguments and in <c>--targets-file</c> into scan targets.</summary>
internal static class ScanTargetsInput
{
    /// <summary>More targets than this in one run is almost certainly a mistake (or a hostile file).</summary>
    public const int MaxTargets = 1_000_000;

    /// <summary>
    /// A targets file larger than this is no list of endpoints (a million targets fit in a few tens of MiB); the bound
    /// keeps a wrong path (a log, /dev/zero) from eating all memory. Pipes are read too (<c>--targets-file &lt;(...)</c>).
    /// </summary>
    public const int MaxTargetsFileChars = 64 * 1024 * 1024;

    public static async Task<IReadOnlyList<ScanTarget>> ReadAsync(
        IReadOnlyList<string> arguments,
        string? targetsFile,
        string? startTlsName,
        string? serverName,
        CancellationToken cancellationToken)
    {
        var startTls = startTlsName is null ? StartTlsProtocol.None : StartTlsProtocols.Parse(startTlsName);
        var texts = new List<(string Text, string Origin)>();
        texts.AddRange(arguments.Select(a => (a, "argument")));
        if (targetsFile is not null)
        {
            string[] lines;
            try
            {
                lines = await ReadLinesAsync(targetsFile, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CertwrightException(ErrorKind.Usage, $"cannot read --targets-file '{targetsFile}': {e.Message}", e);
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var hash = line.IndexOf('#', StringComparison.Ordinal);
                var text = (hash >= 0 ? line[..hash] : line).Trim();
                if (text.Length > 0)
                {
                    texts.Add((text, $"{targetsFile} line {i + 1}"));
                }
            }
        }

        if (texts.Count == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, "no endpoints to scan: give HOST[:PORT] arguments or --targets-file FILE");
        }

        if (texts.Count > MaxTargets)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{texts.Count} targets is more than the {MaxTargets} one scan takes; split the list");
        }

        var targets = new List<ScanTarget>(texts.Count);
        var seen = new HashSet<ScanTarget>();
        foreach (var (text, origin) in texts)
        {
            ScanTarget target;
            try
            {
                target = ScanTarget.Parse(text, startTls, serverName);
            }
            catch (CertwrightException e) when (origin != "argument")
            {
                throw new CertwrightException(e.Kind, $"{origin}: {e.Message}", e);
            }

            if (seen.Add(target))
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    private static async Task<string[]> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length + read > MaxTargetsFileChars)
            {
                throw new CertwrightException(
                    ErrorKind.Usage,
                    $"--targets-file '{path}' is larger than {MaxTargetsFileChars / (1024 * 1024)} MiB; give one HOST[:PORT] per line, at most {MaxTargets} targets");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString().Split('\n');
    }
}
