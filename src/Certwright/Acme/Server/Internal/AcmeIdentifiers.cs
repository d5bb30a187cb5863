using System.Text.Json;
using Certwright.Authority;

namespace Certwright.Acme.Server.Internal;

/// <summary>Reads and checks newOrder identifiers: DNS names only (http-01 cannot prove a wildcard), allowed by the CA's profile.</summary>
internal static class AcmeIdentifiers
{
    public static List<string> Read(JsonElement root, CertificateProfile profile)
    {
        if (!root.TryGetProperty("identifiers", out var identifiers) || identifiers.ValueKind != JsonValueKind.Array
            || identifiers.GetArrayLength() is 0 or > AcmeServerConstants.MaxIdentifiers)
        {
            throw AcmeProblemException.Malformed($"newOrder needs 'identifiers': an array of 1 to {AcmeServerConstants.MaxIdentifiers} objects");
        }

        var names = new List<string>();
        foreach (var identifier in identifiers.EnumerateArray())
        {
            if (identifier.ValueKind != JsonValueKind.Object
                || !identifier.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !identifier.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
            {
                throw AcmeProblemException.Malformed("each identifier must be an object with string 'type' and 'value'");
            }

            if (type.GetString() != "dns")
            {
                throw AcmeProblemException.Of("unsupportedIdentifier", $"identifier type '{type.GetString()}' is not supported; this server issues for 'dns' identifiers", 400);
            }

            var name = Check(value.GetString()!, profile);
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string Check(string value, CertificateProfile profile)
    {
        var name = value.ToLowerInvariant();
        var shown = name.Length > 80 ? name[..80] + "..." : name;
        if (name.StartsWith("*.", StringComparison.Ordinal))
        {
            throw AcmeProblemException.Rejected($"'{shown}' is a wildcard, which needs dns-01; this server validates with http-01 only");
        }

        if (name.EndsWith('.') || !SubjectAltName.IsDnsName(name) || !name.Contains('.', StringComparison.Ordinal))
        {
            throw AcmeProblemException.Rejected($"'{shown}' is not a fully qualified DNS name");
        }

        var san = new SubjectAltName(SubjectAltNameType.Dns, name);
        if (!profile.AllowedSans.Any(pattern => SanPattern.Matches(pattern, san)))
        {
            throw AcmeProblemException.Rejected($"'{name}' is not allowed by profile '{profile.Name}' (allowed: {string.Join(", ", profile.AllowedSans)})");
        }

        return name;
    }
}
