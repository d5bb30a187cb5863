using System.Text;
using Certwright.Internal;
using Certwright.Monitoring.Configuration.Internal;

namespace Certwright.Monitoring.Configuration;

/// <summary>Reads <c>certwright.yaml</c>: the file given with <c>--config</c>, else the one in the data directory, if any.</summary>
public static class MonitorConfigurationLoader
{
    /// <param name="explicitPath">The <c>--config</c> file; it must exist.</param>
    /// <param name="dataDirectory">The resolved data directory; its <see cref="MonitorConstants.ConfigFileName"/> is optional.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="CertwrightException">Usage: the file is missing (when explicit), unreadable, or not a valid configuration.</exception>
    public static async Task<MonitorConfiguration> LoadAsync(string? explicitPath, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = explicitPath is not null ? Path.GetFullPath(explicitPath) : Path.Combine(dataDirectory, MonitorConstants.ConfigFileName);
        if (explicitPath is null && !File.Exists(path))
        {
            return MonitorConfiguration.Empty;
        }

        var bytes = await BoundedFile.ReadAllBytesAsync(path, MonitorConstants.MaxConfigFileBytes, "configuration file", cancellationToken);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"configuration file '{path}' is not UTF-8 text; save it as UTF-8", e);
        }

        return Parse(text.TrimStart('\uFEFF'), path);
    }

    /// <summary>Parses configuration text; <paramref name="path"/> names it in messages and anchors relative paths.</summary>
    /// <exception cref="CertwrightException">Usage: one line with the file, line and key of the first problem.</exception>
    public static MonitorConfiguration Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return MonitorConfigurationParser.Parse(text, full, Path.GetDirectoryName(full) ?? "/") with { SourcePath = full };
    }
}
