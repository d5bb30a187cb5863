using System.Net;
using Certwright.Certificates;

namespace Certwright.Validation.Internal;

/// <summary>
/// RFC 5280 4.2.1.10 name constraints: each certificate's names (subject DN, subjectAltName entries,
/// subject emailAddress, and for a leaf without subjectAltName the DNS-looking or IP common names) must lie
/// within a permitted subtree of their form, when the constraint has one, and outside every excluded subtree.
/// Checking each CA's constraints separately is the intersection RFC 5280 6.1.4 computes.
/// </summary>
internal static class NameConstraintChecker
{
    /// <summary>The problem with a constraint's own syntax, or null when it is usable.</summary>
    public static string? Validate(NameConstraintsValue constraints, bool webPki)
    {
        foreach (var subtree in constraints.Permitted.Concat(constraints.Excluded))
        {
            var problem = subtree.Kind switch
            {
                GeneralNameKind.DnsName when subtree.Text is null => "a dNSName constraint is not ASCII",
                GeneralNameKind.DnsName when !IsValidDnsConstraint(subtree.Text.ToLowerInvariant(), webPki) =>
                    $"dNSName constraint '{subtree.Text}' is not a domain name{(webPki ? " (leading dots and wildcards are not allowed)" : string.Empty)}",
                GeneralNameKind.IPAddress when subtree.Bytes.Length is not 8 and not 32 =>
                    $"iPAddress constraint {IpText.Format(subtree.Bytes)} is not an address and mask",
                GeneralNameKind.IPAddress when IpText.PrefixLength(subtree.Bytes.AsSpan(subtree.Bytes.Length / 2)) < 0 =>
                    $"iPAddress constraint {IpText.Format(subtree.Bytes)} has a non-contiguous mask",
                GeneralNameKind.Rfc822Name when subtree.Text is null || !IsValidEmailConstraint(subtree.Text) =>
                    $"rfc822Name constraint '{subtree.Text}' is malformed",
                GeneralNameKind.Uri when subtree.Text is null || subtree.Text.Length == 0 => "a URI constraint is empty or not ASCII",
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    public static List<string> Violations(ParsedCertificate certificate, bool isLeaf, NameConstraintsValue constraints)
    {
        var violations = new List<string>();
        foreach (var name in NamesOf(certificate, isLeaf))
        {
            var permitted = constraints.Permitted.Where(s => s.Kind == name.Kind).ToList();
            var excluded = constraints.Excluded.Where(s => s.Kind == name.Kind).ToList();
            if (permitted.Count == 0 && excluded.Count == 0)
            {
                continue;
            }

            if (name.Kind is GeneralNameKind.OtherName or GeneralNameKind.X400Address or GeneralNameKind.EdiPartyName or GeneralNameKind.RegisteredId)
            {
                violations.Add($"{name.Kind} name cannot be checked against the {name.Kind} constraints, so it is rejected (RFC 5280 4.2.1.10)");
                continue;
            }

            var hit = excluded.FirstOrDefault(e => Matches(name, e, excludedTest: true) != false);
            if (hit is not null)
            {
                violations.Add($"{name} is excluded by {hit}");
            }
            else if (permitted.Count > 0 && !permitted.Any(p => Matches(name, p, excludedTest: false) == true))
            {
                violations.Add($"{name} is outside the permitted {string.Join(", ", permitted)}");
            }
        }

        return violations;
    }

    /// <summary>true: inside; false: outside; null: the name is malformed, so it can be neither permitted nor safely allowed.</summary>
    private static bool? Matches(GeneralName name, GeneralName subtree, bool excludedTest) => name.Kind switch
    {
        GeneralNameKind.DnsName => MatchDns(name.Text, subtree.Text!.ToLowerInvariant(), excludedTest),
        GeneralNameKind.IPAddress => MatchIp(name.Bytes, subtree.Bytes),
        GeneralNameKind.Rfc822Name => MatchEmail(name.Text, subtree.Text!),
        GeneralNameKind.Uri => MatchUri(name.Text, subtree.Text!),
        GeneralNameKind.DirectoryName => name.Name!.IsWithin(subtree.Name!),
        _ => null,
    };

    private static bool? MatchDns(string? text, string subtree, bool excludedTest)
    {
        var name = text?.ToLowerInvariant();
        if (name is null || !DnsNames.IsValid(name, allowWildcard: true))
        {
            return null;
        }

        if (name.StartsWith("*.", StringComparison.Ordinal))
        {
            // A wildcard stands for every name it can match: excluded if any of them is, permitted only if all are.
            var wildcardBase = name[2..];
            return excludedTest ? DnsNames.WildcardIntersects(wildcardBase, subtree) : DnsNames.WildcardWithin(wildcardBase, subtree);
        }

        return DnsNames.IsWithin(name, subtree);
    }

    private static bool? MatchIp(byte[] address, byte[] subtree)
    {
        if (address.Length is not 4 and not 16)
        {
            return null;
        }

        if (subtree.Length != address.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < address.Length; i++)
        {
            var mask = subtree[address.Length + i];
            if ((address[i] & mask) != (subtree[i] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static bool? MatchEmail(string? text, string subtree)
    {
        if (text is null || text.Split('@') is not [{ Length: > 0 } local, { Length: > 0 } host])
        {
            return null;
        }

        host = host.ToLowerInvariant();
        if (subtree.Contains('@', StringComparison.Ordinal))
        {
            var parts = subtree.Split('@');
            return local == parts[0] && host == parts[1].ToLowerInvariant();
        }

        var domain = subtree.ToLowerInvariant();
        return domain.StartsWith('.') ? host.EndsWith(domain, StringComparison.Ordinal) && host.Length > domain.Length : host == domain;
    }

    private static bool? MatchUri(string? text, string subtree)
    {
        var host = UriHost(text);
        if (host is null)
        {
            return null;
        }

        var domain = subtree.ToLowerInvariant();
        return domain.StartsWith('.') ? host.EndsWith(domain, StringComparison.Ordinal) && host.Length > domain.Length : host == domain;
    }

    /// <summary>The registered-name host of a URI, lower-cased; null when it has none or it is an IP literal.</summary>
    private static string? UriHost(string? uri)
    {
        var start = uri?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        if (uri is null || start <= 0)
        {
            return null;
        }

        var authority = uri[(start + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        authority = end >= 0 ? authority[..end] : authority;
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        if (authority.StartsWith('['))
        {
            return null;
        }

        var colon = authority.LastIndexOf(':');
        var host = (colon >= 0 ? authority[..colon] : authority).ToLowerInvariant();
        return host.Length == 0 || IPAddress.TryParse(host, out _) || !DnsNames.IsValid(host, allowWildcard: false) ? null : host;
    }

    private static IEnumerable<GeneralName> NamesOf(ParsedCertificate certificate, bool isLeaf)
    {
        if (!certificate.Subject.IsEmpty)
        {
            yield return new GeneralName(GeneralNameKind.DirectoryName, null, certificate.Subject.Encoded, certificate.Subject);
        }

        foreach (var email in certificate.Subject.ValuesOf(Oids.EmailAddress))
        {
            yield return new GeneralName(GeneralNameKind.Rfc822Name, email, []);
        }

        if (certificate.SubjectAltNames is { } names)
        {
            foreach (var name in names)
            {
                yield return name;
            }
        }
        else if (isLeaf)
        {
            // No subjectAltName: a client that falls back to the common name would trust it, so constrain it.
            foreach (var cn in certificate.Subject.ValuesOf(Oids.CommonName))
            {
                if (HostnameMatcher.TryParseIpLiteral(cn, out var ip))
                {
                    yield return new GeneralName(GeneralNameKind.IPAddress, null, ip.GetAddressBytes());
                }
                else if (cn.Contains('.', StringComparison.Ordinal) && DnsNames.IsValid(cn.ToLowerInvariant(), allowWildcard: true))
                {
                    yield return new GeneralName(GeneralNameKind.DnsName, cn, []);
                }
            }
        }
    }

    private static bool IsValidDnsConstraint(string constraint, bool webPki)
    {
        if (constraint.Length == 0)
        {
            return true;
        }

        if (constraint[0] == '.')
        {
            return !webPki && DnsNames.IsValid(constraint[1..], allowWildcard: false);
        }

        return DnsNames.IsValid(constraint, allowWildcard: false);
    }

    private static bool IsValidEmailConstraint(string constraint)
    {
        var parts = constraint.Split('@');
        return parts.Length switch
        {
            1 => constraint.Length > 0,
            2 => parts[0].Length > 0 && parts[1].Length > 0,
            _ => false,
        };
    }
}
