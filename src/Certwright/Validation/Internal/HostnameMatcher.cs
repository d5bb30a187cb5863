using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Certwright.Certificates;

namespace Certwright.Validation.Internal;

/// <summary>
/// Server identity check (RFC 6125 / RFC 9525 and the CA/B Forum): DNS names match subjectAltName dNSName
/// entries only, never the common name; a wildcard is only a whole left-most label over at least two
/// labels (<c>*.example.com</c> matches <c>a.example.com</c>, not <c>example.com</c> or <c>a.b.example.com</c>);
/// comparison is ASCII case-insensitive on A-labels with a trailing dot ignored; IP literals match only
/// iPAddress entries, compared as addresses.
/// </summary>
internal static class HostnameMatcher
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = false, AllowUnassigned = false };

    /// <summary>Null when the certificate is valid for the host; otherwise why not.</summary>
    public static string? Mismatch(ParsedCertificate leaf, string expectedHost)
    {
        var sans = leaf.SubjectAltNames ?? [];
        if (TryParseIpLiteral(expectedHost, out var ip))
        {
            var bytes = ip.GetAddressBytes();
            if (sans.Any(n => n.Kind == GeneralNameKind.IPAddress && n.Bytes.AsSpan().SequenceEqual(bytes)))
            {
                return null;
            }

            return $"is not valid for IP address {ip}: {Describe(leaf, GeneralNameKind.IPAddress)}";
        }

        var host = NormalizeHost(expectedHost);
        if (host is null)
        {
            return $"cannot be matched: '{expectedHost}' is not a valid host name";
        }

        foreach (var san in sans)
        {
            if (san.Kind == GeneralNameKind.DnsName && san.Text is { } text && DnsMatches(text.ToLowerInvariant().TrimEnd('.'), host))
            {
                return null;
            }
        }

        return $"is not valid for '{host}': {Describe(leaf, GeneralNameKind.DnsName)}";
    }

    /// <summary>A strict IP literal: dotted-quad IPv4 (no leading zeros, no short forms) or IPv6, optionally in brackets.</summary>
    public static bool TryParseIpLiteral(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var value = text.Trim();
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            value = value[1..^1];
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(value, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6 && !value.Contains('%', StringComparison.Ordinal);
        }

        var parts = value.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0') || !p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        return IPAddress.TryParse(value, out address!) && parts.All(p => int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>The reference host as lower-case A-labels without a trailing dot, or null when it is not a host name.</summary>
    public static string? NormalizeHost(string expectedHost)
    {
        var host = expectedHost.Trim();
        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (!host.All(char.IsAscii))
        {
            try
            {
                host = Idn.GetAscii(host.ToLowerInvariant());
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        host = host.ToLowerInvariant();
        return DnsNames.IsValid(host, allowWildcard: false) ? host : null;
    }

    private static bool DnsMatches(string presented, string host)
    {
        if (!DnsNames.IsValid(presented, allowWildcard: true))
        {
            return false;
        }

        if (!presented.StartsWith("*.", StringComparison.Ordinal))
        {
            return presented == host;
        }

        var wildcardBase = presented[2..];
        if (!wildcardBase.Contains('.', StringComparison.Ordinal))
        {
            // "*.com" would span a whole top-level domain.
            return false;
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && host[(dot + 1)..] == wildcardBase;
    }

    private static string Describe(ParsedCertificate leaf, GeneralNameKind kind)
    {
        if (leaf.SubjectAltNames is null)
        {
            return "it has no subjectAltName (the common name is not used for host names, RFC 6125)";
        }

        var names = leaf.SubjectAltNames.Where(n => n.Kind is GeneralNameKind.DnsName or GeneralNameKind.IPAddress).Select(n => n.ToString()).ToList();
        if (names.Count == 0)
        {
            return "its subjectAltName has no DNS name or IP address";
        }

        return $"its names are {string.Join(", ", names.Take(10))}{(names.Count > 10 ? $" and {names.Count - 10} more" : string.Empty)}"
            + (kind == GeneralNameKind.IPAddress ? " (IP addresses match only iPAddress entries)" : string.Empty);
    }
}
