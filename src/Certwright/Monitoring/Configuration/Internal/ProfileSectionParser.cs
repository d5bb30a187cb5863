using System.Net;
using Certwright.Authority;
using Certwright.Keys;
using YamlDotNet.RepresentationModel;

namespace Certwright.Monitoring.Configuration.Internal;

/// <summary>
/// The <c>profiles:</c> section: a mapping from profile name to its settings. A built-in name (<c>server</c>, <c>client</c>,
/// <c>server-client</c>, <c>short-lived</c>) overrides that profile's limits in place; any other name defines a new profile
/// that takes its extended key usages and unset limits from <c>base</c>, a built-in profile.
/// </summary>
internal sealed class ProfileSectionParser(YamlNodes nodes)
{
    internal static readonly string[] ProfileKeys = ["base", "max-validity", "default-validity", "key-types", "san"];

    public IReadOnlyList<CertificateProfile> Parse(YamlNode node)
    {
        if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" })
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            throw nodes.Error(node, "'profiles' must be a mapping of profile names to settings (e.g. 'spiffe-workload: { base: client, max-validity: 24h }')");
        }

        var profiles = new List<CertificateProfile>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = keyNode is YamlScalarNode { Value: { } text } ? text : "";
            if (!IsValidName(name))
            {
                throw nodes.Error(keyNode, $"profile name '{YamlNodes.Printable(name)}' is not valid; use 1-63 lowercase letters, digits and '-'");
            }

            profiles.Add(ParseProfile(name, keyNode, value));
        }

        return profiles;
    }

    private CertificateProfile ParseProfile(string name, YamlNode nameNode, YamlNode node)
    {
        var what = $"profile '{name}'";
        var keys = nodes.Keys(node, what, ProfileKeys);
        var builtIn = CertificateProfiles.BuiltIn.FirstOrDefault(p => p.Name == name);
        CertificateProfile template;
        if (builtIn is not null)
        {
            if (keys.TryGetValue("base", out var b))
            {
                throw nodes.Error(b.Key, $"{what} is built in and is overridden in place; remove 'base' (it is for new profiles)");
            }

            template = builtIn;
        }
        else if (keys.TryGetValue("base", out var b))
        {
            var baseName = nodes.Text(b.Value, "base");
            template = CertificateProfiles.BuiltIn.FirstOrDefault(p => p.Name == baseName)
                ?? throw nodes.Error(b.Value, $"'base' of {what} is '{YamlNodes.Printable(baseName)}'; use a built-in profile: {string.Join(", ", CertificateProfiles.BuiltIn.Select(p => p.Name))}");
        }
        else
        {
            throw nodes.Error(nameNode, $"{what} is not built in and has no 'base'; add e.g. 'base: client' ({string.Join(", ", CertificateProfiles.BuiltIn.Select(p => p.Name))})");
        }

        var max = keys.TryGetValue("max-validity", out var maxNode) ? Validity(maxNode.Value, "max-validity") : template.MaxValidity;
        TimeSpan defaultValidity;
        if (keys.TryGetValue("default-validity", out var defaultNode))
        {
            defaultValidity = Validity(defaultNode.Value, "default-validity");
            if (defaultValidity > max)
            {
                throw nodes.Error(defaultNode.Value, $"'default-validity' ({ValidityText.Format(defaultValidity)}) of {what} exceeds its 'max-validity' ({ValidityText.Format(max)}); lower it");
            }
        }
        else
        {
            // A lowered maximum lowers the default with it; a raised one leaves the base's default.
            defaultValidity = template.DefaultValidity < max ? template.DefaultValidity : max;
        }

        return template with
        {
            Name = name,
            MaxValidity = max,
            DefaultValidity = defaultValidity,
            AllowedKeyTypes = keys.TryGetValue("key-types", out var types) ? KeyTypeSet(types.Value) : template.AllowedKeyTypes,
            AllowedSans = keys.TryGetValue("san", out var sans) ? SanPatterns(sans.Value) : template.AllowedSans,
        };
    }

    /// <summary>Profile names follow the CA name rule: they end up in the ledger and in file-safe places.</summary>
    private static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 63 && (char.IsAsciiDigit(name[0]) || char.IsAsciiLetterLower(name[0]))
        && name.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-');

    private TimeSpan Validity(YamlNode node, string key)
    {
        var text = nodes.Text(node, key);
        try
        {
            return ValidityText.Parse(text);
        }
        catch (CertwrightException)
        {
            throw nodes.Error(node, $"'{key}' is '{YamlNodes.Printable(text)}'; use a duration such as 90d, 24h or 30m");
        }
    }

    private HashSet<KeyType> KeyTypeSet(YamlNode node)
    {
        var set = new HashSet<KeyType>();
        foreach (var name in nodes.TextList(node, "key-types"))
        {
            if (!KeyTypes.TryParse(name, out var type))
            {
                throw nodes.Error(node, $"'key-types' has '{YamlNodes.Printable(name)}'; use {KeyTypes.NameList}");
            }

            set.Add(type);
        }

        return set.Count > 0 ? set : throw nodes.Error(node, "'key-types' is empty; list at least one key type or remove the key");
    }

    private string[] SanPatterns(YamlNode node)
    {
        var patterns = nodes.TextList(node, "san");
        if (patterns.Count == 0)
        {
            throw nodes.Error(node, "'san' is empty; list at least one pattern such as 'dns:*.internal' or remove the key");
        }

        foreach (var pattern in patterns)
        {
            var colon = pattern.IndexOf(':', StringComparison.Ordinal);
            var type = colon > 0 ? pattern[..colon].ToLowerInvariant() : "";
            var rest = colon > 0 ? pattern[(colon + 1)..] : pattern;
            if (type == "ip" && rest.Contains('/', StringComparison.Ordinal) && !IPNetwork.TryParse(rest, out _))
            {
                throw nodes.Error(node, $"'san' pattern '{YamlNodes.Printable(pattern)}' is not a CIDR; use e.g. ip:10.0.0.0/8");
            }

            if (rest.Length == 0 || pattern.Any(c => c is <= ' ' or >= (char)127))
            {
                throw nodes.Error(node, $"'san' pattern '{YamlNodes.Printable(pattern)}' is not valid; use TYPE:GLOB such as dns:*.internal or uri:spiffe://example.org/*");
            }
        }

        return [.. patterns];
    }
}
