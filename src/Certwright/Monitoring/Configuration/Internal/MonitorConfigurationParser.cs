using Certwright.Inventory;
using Certwright.Policy;
using Certwright.Scanning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Certwright.Monitoring.Configuration.Internal;

/// <summary>
/// Reads <c>certwright.yaml</c> strictly: every key known, every value checked, the first problem reported as
/// one line with the file, line and key. Relative paths are taken from the file's directory.
/// </summary>
internal sealed class MonitorConfigurationParser
{
    internal static readonly string[] RootKeys = ["defaults", "targets", "directories", "profiles"];
    internal static readonly string[] DefaultsKeys = ["schedule", "every", "jitter", "concurrency", "warning-days", "critical-days", "timeout", "ca-file", "probe", "max-validity", "keep-history"];
    internal static readonly string[] TargetKeys = ["host", "port", "sni", "starttls", "tags", "owner", "namespace", "warning-days", "critical-days", "schedule", "every", "probe"];
    internal static readonly string[] DirectoryKeys = ["paths", "include", "exclude", "namespace", "owner", "schedule", "every"];

    private const int MaxDays = 100 * 366;

    private readonly YamlNodes _nodes;
    private readonly string _baseDirectory;

    private MonitorConfigurationParser(string source, string baseDirectory)
    {
        _nodes = new YamlNodes(source);
        _baseDirectory = baseDirectory;
    }

    /// <param name="text">The file's content.</param>
    /// <param name="source">The file name for messages.</param>
    /// <param name="baseDirectory">Directory relative paths are resolved against.</param>
    public static MonitorConfiguration Parse(string text, string source, string baseDirectory) =>
        new MonitorConfigurationParser(source, baseDirectory).Parse(text);

    private MonitorConfiguration Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet's messages start with "(Line: a, Col: b, ...): "; the line is said once, ours.
            var message = e.Message;
            var close = message.IndexOf("): ", StringComparison.Ordinal);
            throw new CertwrightException(
                ErrorKind.Usage,
                $"{_nodes.Source} line {e.Start.Line}: not valid YAML ({(close >= 0 ? message[(close + 3)..] : message).TrimEnd('.')}); fix the syntax",
                e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return MonitorConfiguration.Empty;
        }

        if (stream.Documents.Count > 1)
        {
            throw _nodes.Error(stream.Documents[1].RootNode, "more than one YAML document; keep one configuration per file");
        }

        var root = _nodes.Keys(stream.Documents[0].RootNode, "the configuration", RootKeys);
        var defaults = root.TryGetValue("defaults", out var d) ? ParseDefaults(d.Value) : new MonitorDefaults();
        var targets = root.TryGetValue("targets", out var t) ? ParseTargets(t.Value, defaults) : [];
        var directories = root.TryGetValue("directories", out var w)
            ? _nodes.Sequence(w.Value, "directories").Select((node, i) => ParseDirectory(node, i)).ToArray()
            : [];
        var profiles = root.TryGetValue("profiles", out var p) ? new ProfileSectionParser(_nodes).Parse(p.Value) : [];
        return new MonitorConfiguration { Defaults = defaults, Targets = targets, Directories = directories, Profiles = profiles };
    }

    private MonitorDefaults ParseDefaults(YamlNode node)
    {
        var keys = _nodes.Keys(node, "defaults", DefaultsKeys);
        var defaults = new MonitorDefaults();
        var thresholds = Thresholds(keys, ExpiryThresholds.Default, "defaults") ?? ExpiryThresholds.Default;
        return defaults with
        {
            Schedule = Schedule(keys, "defaults") ?? defaults.Schedule,
            Jitter = keys.TryGetValue("jitter", out var jitter) ? _nodes.Fraction(jitter.Value, "jitter", MonitorConstants.MaxJitter) : defaults.Jitter,
            Concurrency = keys.TryGetValue("concurrency", out var concurrency) ? _nodes.Integer(concurrency.Value, "concurrency", 1, 4096) : defaults.Concurrency,
            Timeout = keys.TryGetValue("timeout", out var timeout) ? BoundedTimeout(timeout.Value) : defaults.Timeout,
            CaFile = keys.TryGetValue("ca-file", out var caFile) ? Resolve(_nodes.Text(caFile.Value, "ca-file")) : null,
            Thresholds = thresholds,
            Probe = keys.TryGetValue("probe", out var probe) ? _nodes.Boolean(probe.Value, "probe") : defaults.Probe,
            MaxValidity = keys.TryGetValue("max-validity", out var maxValidity) ? _nodes.Duration(maxValidity.Value, "max-validity", TimeSpan.FromDays(1)) : null,
            KeepHistory = keys.TryGetValue("keep-history", out var keepHistory) ? _nodes.Duration(keepHistory.Value, "keep-history", TimeSpan.FromDays(1)) : defaults.KeepHistory,
        };
    }

    private TimeSpan BoundedTimeout(YamlNode node)
    {
        var value = _nodes.Duration(node, "timeout", TimeSpan.FromSeconds(1));
        return value <= TimeSpan.FromHours(1) ? value : throw _nodes.Error(node, "'timeout' must be at most 1h");
    }

    private MonitorTarget[] ParseTargets(YamlNode node, MonitorDefaults defaults)
    {
        var targets = new List<MonitorTarget>();
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in _nodes.Sequence(node, "targets"))
        {
            var target = ParseTarget(item, targets.Count, defaults);
            if (!lines.TryAdd(target.Key, item.Start.Line))
            {
                throw _nodes.Error(item, $"target {target.Key} is already listed at line {lines[target.Key]}; list each endpoint once");
            }

            targets.Add(target);
        }

        return [.. targets];
    }

    private MonitorTarget ParseTarget(YamlNode node, int index, MonitorDefaults defaults)
    {
        var what = $"targets[{index}]";
        var keys = _nodes.Keys(node, what, TargetKeys);
        if (!keys.TryGetValue("host", out var hostNode))
        {
            throw _nodes.Error(node, $"{what} has no 'host'; every target needs one");
        }

        var startTls = StartTlsProtocol.None;
        if (keys.TryGetValue("starttls", out var startTlsNode))
        {
            startTls = Guard(startTlsNode.Value, () => StartTlsProtocols.Parse(_nodes.Text(startTlsNode.Value, "starttls")));
        }

        var sni = keys.TryGetValue("sni", out var sniNode) ? _nodes.Text(sniNode.Value, "sni") : null;
        var hostText = _nodes.Text(hostNode.Value, "host");
        var endpoint = Guard(hostNode.Value, () => ScanTarget.Parse(hostText, startTls, sni));
        if (keys.TryGetValue("port", out var portNode))
        {
            var port = _nodes.Integer(portNode.Value, "port", 1, 65535);
            if (endpoint.Port != startTls.DefaultPort() || HasExplicitPort(hostText))
            {
                throw _nodes.Error(portNode.Value, $"'port' is given twice ('host: {YamlNodes.Printable(hostText)}' names one too); keep one");
            }

            endpoint = new ScanTarget(endpoint.Address?.ToString() ?? endpoint.Host, port, startTls, sni);
        }

        return new MonitorTarget
        {
            Endpoint = endpoint,
            Namespace = keys.TryGetValue("namespace", out var ns) ? Name(ns.Value, "namespace") : SightingLocation.DefaultNamespace,
            Owner = keys.TryGetValue("owner", out var owner) ? Name(owner.Value, "owner") : null,
            Tags = keys.TryGetValue("tags", out var tags) ? Tags(tags.Value) : [],
            Thresholds = Thresholds(keys, defaults.Thresholds, what),
            Schedule = Schedule(keys, what),
            Probe = keys.TryGetValue("probe", out var probe) ? _nodes.Boolean(probe.Value, "probe") : null,
            Source = TargetSource.ConfigFile,
            Origin = $"{_nodes.Source} line {node.Start.Line}",
        };
    }

    private WatchedDirectory ParseDirectory(YamlNode node, int index)
    {
        var what = $"directories[{index}]";
        var keys = _nodes.Keys(node, what, DirectoryKeys);
        if (!keys.TryGetValue("paths", out var paths))
        {
            throw _nodes.Error(node, $"{what} has no 'paths'; list the files and directories to watch");
        }

        var list = _nodes.TextList(paths.Value, "paths");
        if (list.Count == 0)
        {
            throw _nodes.Error(paths.Value, $"'paths' of {what} is empty; list at least one file or directory");
        }

        return new WatchedDirectory
        {
            Paths = list.Select(Resolve).ToArray(),
            Include = keys.TryGetValue("include", out var include) ? _nodes.TextList(include.Value, "include") : [],
            Exclude = keys.TryGetValue("exclude", out var exclude) ? _nodes.TextList(exclude.Value, "exclude") : [],
            Namespace = keys.TryGetValue("namespace", out var ns) ? Name(ns.Value, "namespace") : SightingLocation.DefaultNamespace,
            Owner = keys.TryGetValue("owner", out var owner) ? Name(owner.Value, "owner") : null,
            Schedule = Schedule(keys, what),
        };
    }

    /// <summary><c>schedule</c> (cron) or <c>every</c> (interval), not both; null when neither is given.</summary>
    private CheckSchedule? Schedule(Dictionary<string, (YamlNode Key, YamlNode Value)> keys, string what)
    {
        var hasCron = keys.TryGetValue("schedule", out var cron);
        var hasEvery = keys.TryGetValue("every", out var every);
        if (hasCron && hasEvery)
        {
            throw _nodes.Error(every.Key, $"{what} has both 'schedule' and 'every'; keep one");
        }

        if (hasEvery)
        {
            return CheckSchedule.Every(_nodes.Duration(every.Value, "every", TimeSpan.FromSeconds(1)));
        }

        if (!hasCron)
        {
            return null;
        }

        var text = _nodes.Text(cron.Value, "schedule");
        try
        {
            return CheckSchedule.Cron(text);
        }
        catch (FormatException e)
        {
            throw _nodes.Error(cron.Value, $"'schedule' '{YamlNodes.Printable(text)}' is not a cron expression ({e.Message}); use five fields such as '0 */6 * * *', or 'every: 6h'");
        }
    }

    /// <summary>Per-section thresholds; one given alone moves the other as <c>scan</c> does. Null when neither is given.</summary>
    private ExpiryThresholds? Thresholds(Dictionary<string, (YamlNode Key, YamlNode Value)> keys, ExpiryThresholds fallback, string what)
    {
        var hasWarning = keys.TryGetValue("warning-days", out var warningNode);
        var hasCritical = keys.TryGetValue("critical-days", out var criticalNode);
        if (!hasWarning && !hasCritical)
        {
            return null;
        }

        var warning = hasWarning ? _nodes.Integer(warningNode.Value, "warning-days", 0, MaxDays) : (int)fallback.Warning.TotalDays;
        var critical = hasCritical ? _nodes.Integer(criticalNode.Value, "critical-days", 0, MaxDays) : (int)fallback.Critical.TotalDays;
        if (hasWarning && !hasCritical)
        {
            critical = Math.Min(critical, warning);
        }
        else if (hasCritical && !hasWarning)
        {
            warning = Math.Max(warning, critical);
        }
        else if (critical > warning)
        {
            throw _nodes.Error(criticalNode.Value, $"'critical-days' ({critical}) of {what} exceeds its 'warning-days' ({warning}); critical must come at or after warning");
        }

        return ExpiryThresholds.Create(warning, critical);
    }

    private IReadOnlyList<string> Tags(YamlNode node)
    {
        var tags = _nodes.TextList(node, "tags");
        foreach (var tag in tags)
        {
            if (tag.Contains(',', StringComparison.Ordinal))
            {
                throw _nodes.Error(node, $"tag '{YamlNodes.Printable(tag)}' contains a comma; give tags as a list ([a, b])");
            }
        }

        return tags.Distinct(StringComparer.Ordinal).ToArray();
    }

    private string Name(YamlNode node, string key)
    {
        var text = _nodes.Text(node, key);
        return text.Length <= 253 ? text : throw _nodes.Error(node, $"'{key}' is longer than 253 characters");
    }

    private string Resolve(string path) => Path.GetFullPath(path, _baseDirectory);

    private static bool HasExplicitPort(string host) =>
        host.StartsWith('[') ? host.Contains("]:", StringComparison.Ordinal) : host.Count(c => c == ':') == 1;

    /// <summary>Prefixes a value error from the domain (bad host, unknown protocol) with the file and line.</summary>
    private T Guard<T>(YamlNode node, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (CertwrightException e) when (!e.Message.StartsWith(_nodes.Source + " line ", StringComparison.Ordinal))
        {
            throw _nodes.Error(node, e.Message.TrimEnd('.'));
        }
    }
}
