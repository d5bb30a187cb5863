namespace Certwright.Renewal;

/// <summary>Where a managed certificate comes from, as stored: a private CA profile or an ACME directory.</summary>
public abstract record CertificateSourceSpec
{
    /// <summary>The stored kind: <see cref="PrivateCaSourceSpec.KindName"/> or <see cref="AcmeSourceSpec.KindName"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>One line for lists and messages, e.g. <c>ca corp (server)</c>.</summary>
    public abstract string Describe();
}

/// <summary>A certificate from Certwright's own CA <paramref name="Authority"/> under <paramref name="Profile"/> (<c>--ca NAME --profile P</c>).</summary>
public sealed record PrivateCaSourceSpec(string Authority, string Profile) : CertificateSourceSpec
{
    public const string KindName = "ca";

    public override string Kind => KindName;

    public override string Describe() => $"ca {Authority} ({Profile})";
}

/// <summary>A certificate from an ACME CA (<c>--acme URL</c>).</summary>
/// <param name="DirectoryUrl">The ACME directory URL.</param>
/// <param name="CaFile">PEM file of CAs to trust for the directory's HTTPS (a private ACME server); null for the system store.</param>
/// <param name="Email">Account contact, when given.</param>
/// <param name="Challenge">http-01, dns-01 or tls-alpn-01.</param>
/// <param name="HttpPort">Port of the built-in http-01 listener.</param>
/// <param name="DnsHook">Command that sets and removes the dns-01 TXT record.</param>
public sealed record AcmeSourceSpec(Uri DirectoryUrl, string? CaFile, string? Email, string Challenge, int HttpPort, string? DnsHook) : CertificateSourceSpec
{
    public const string KindName = "acme";

    /// <summary>The challenge types <c>--challenge</c> accepts.</summary>
    public static IReadOnlyList<string> Challenges { get; } = ["http-01", "dns-01", "tls-alpn-01"];

    /// <summary>http-01 through this web server document root instead of the built-in listener (<c>--webroot</c>).</summary>
    public string? Webroot { get; init; }

    /// <summary>Port of the built-in tls-alpn-01 listener (<c>--tls-port</c>). <value>443</value></summary>
    public int TlsPort { get; init; } = 443;

    /// <summary>External account binding key id from the CA (<c>--eab-kid</c>).</summary>
    public string? EabKeyId { get; init; }

    /// <summary>File holding the external account binding HMAC key (<c>--eab-hmac-file</c>); the key itself is never stored.</summary>
    public string? EabHmacFile { get; init; }

    /// <summary>Prefer the (alternate) chain whose top certificate's issuer has this common name (<c>--preferred-chain</c>).</summary>
    public string? PreferredChain { get; init; }

    public override string Kind => KindName;

    public override string Describe() => $"acme {DirectoryUrl}";
}
