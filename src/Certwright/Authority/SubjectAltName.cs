using System.Net;

namespace Certwright.Authority;

/// <summary>The kinds of subject alternative name Certwright issues.</summary>
public enum SubjectAltNameType
{
    Dns,
    Ip,
    Uri,
    Email,
}

/// <summary>One subject alternative name of a requested certificate.</summary>
public sealed record SubjectAltName(SubjectAltNameType Type, string Value)
{
    /// <summary>The name as the CLI and profile patterns write it: <c>dns:host</c>, <c>ip:10.0.0.1</c>, <c>uri:spiffe://...</c>, <c>email:a@b</c>.</summary>
    public override string ToString() => $"{Prefix(Type)}:{Value}";

    public static string Prefix(SubjectAltNameType type) => type switch
    {
        SubjectAltNameType.Dns => "dns",
        SubjectAltNameType.Ip => "ip",
        SubjectAltNameType.Uri => "uri",
        _ => "email",
    };

    /// <summary>
    /// Parses <c>--san</c>: an explicit <c>dns:</c>, <c>ip:</c>, <c>uri:</c> or <c>email:</c> prefix, or a bare value typed by its
    /// look (<c>scheme://</c> a URI, an address an IP, <c>@</c> an email, else a DNS name).
    /// </summary>
    /// <exception cref="CertwrightException">Usage: an empty or malformed name.</exception>
    public static SubjectAltName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var rest = value[(colon + 1)..];
            switch (value[..colon].ToLowerInvariant())
            {
                case "dns": return Dns(rest);
                case "ip": return Ip(rest, text);
                case "uri": return Uri(rest, text);
                case "email": return Email(rest, text);
            }
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            return Uri(value, text);
        }

        if (IPAddress.TryParse(value, out _))
        {
            return Ip(value, text);
        }

        return value.Contains('@', StringComparison.Ordinal) ? Email(value, text) : Dns(value);
    }

    private static SubjectAltName Dns(string value)
    {
        var name = value.TrimEnd('.').ToLowerInvariant();
        if (!IsDnsName(name))
        {
            throw new CertwrightException(ErrorKind.Usage, $"SAN 'dns:{value}' is not a DNS name (letters, digits, '-', labels of 1-63 characters, an optional leading '*.'); fix --san");
        }

        return new SubjectAltName(SubjectAltNameType.Dns, name);
    }

    private static SubjectAltName Ip(string value, string text) =>
        IPAddress.TryParse(value, out var address) && !value.Contains('%', StringComparison.Ordinal)
            ? new SubjectAltName(SubjectAltNameType.Ip, address.ToString())
            : throw new CertwrightException(ErrorKind.Usage, $"SAN '{text}' is not an IPv4 or IPv6 address; fix --san");

    private static SubjectAltName Uri(string value, string text) =>
        System.Uri.TryCreate(value, UriKind.Absolute, out var uri) && value.All(c => c is > ' ' and < (char)127)
            ? new SubjectAltName(SubjectAltNameType.Uri, uri.OriginalString)
            : throw new CertwrightException(ErrorKind.Usage, $"SAN '{text}' is not an absolute ASCII URI such as spiffe://example.org/service; fix --san");

    private static SubjectAltName Email(string value, string text)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || !IsDnsName(value[(at + 1)..].ToLowerInvariant()) || value.Any(c => c is <= ' ' or >= (char)127))
        {
            throw new CertwrightException(ErrorKind.Usage, $"SAN '{text}' is not an email address (local@domain, ASCII); fix --san");
        }

        return new SubjectAltName(SubjectAltNameType.Email, value[..at] + "@" + value[(at + 1)..].ToLowerInvariant());
    }

    internal static bool IsDnsName(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (i == 0 && label == "*" && labels.Length > 2)
            {
                continue;
            }

            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
