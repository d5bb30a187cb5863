using System.ComponentModel.DataAnnotations;
using System.Net;
using Certwright.Acme.Protocol;
using Certwright.Keys;

namespace Certwright.Acme.Client;

/// <summary>
/// An ACME CA as the source of a managed certificate (<c>managed add NAME --acme URL ...</c>): where the directory is,
/// how to trust it, the account, and how to answer challenges.
/// </summary>
public sealed record AcmeSourceOptions
{
    /// <summary>The ACME directory URL (https).</summary>
    public required Uri DirectoryUrl { get; init; }

    /// <summary>Where the account key (<c>account.key</c>, PKCS#8 PEM, mode 0600) and the account URLs are kept between runs.</summary>
    public required string AccountDirectory { get; init; }

    /// <summary>PEM CA certificates trusted for the ACME server's TLS, besides the system store. <value>null</value></summary>
    public string? CaFile { get; init; }

    /// <summary>The account's contact e-mail. <value>null</value></summary>
    public string? Email { get; init; }

    /// <summary>http-01, dns-01 or tls-alpn-01. <value>http-01</value></summary>
    public string Challenge { get; init; } = AcmeChallenge.Http01;

    /// <summary>The port the built-in http-01 listener binds. <value>80</value></summary>
    /// <remarks>Ignored when <see cref="Webroot"/> is set. The CA always connects to port 80: another port needs a forward.</remarks>
    [Range(1, 65535)]
    public int HttpPort { get; init; } = 80;

    /// <summary>http-01 through this web server document root instead of the built-in listener. <value>null</value></summary>
    public string? Webroot { get; init; }

    /// <summary>The port the built-in tls-alpn-01 listener binds. <value>443</value></summary>
    [Range(1, 65535)]
    public int TlsPort { get; init; } = 443;

    /// <summary>The address the built-in listeners bind. <value>any IPv4 address</value></summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    /// <summary>The dns-01 hook command (<c>/bin/sh -c</c>), required for dns-01. <value>null</value></summary>
    /// <remarks>Environment: CERTWRIGHT_ACME_ACTION (set|remove), CERTWRIGHT_ACME_DOMAIN, CERTWRIGHT_ACME_TXT_NAME, CERTWRIGHT_ACME_TXT_VALUE.</remarks>
    public string? DnsHook { get; init; }

    /// <summary>Time limit of one hook run (including its wait for DNS propagation). <value>5 minutes</value></summary>
    public TimeSpan DnsHookTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>External account binding key identifier, from the CA. <value>null</value></summary>
    /// <remarks>Give it together with <see cref="EabHmacKey"/>.</remarks>
    public string? EabKeyId { get; init; }

    /// <summary>External account binding HMAC key (base64url), from the CA; never logged. <value>null</value></summary>
    public string? EabHmacKey { get; init; }

    /// <summary>The type of a new account key. <value>ec-p256</value></summary>
    public KeyType AccountKeyType { get; init; } = KeyType.EcP256;

    /// <summary>Prefer the (alternate) chain whose top issuer has this common name, as certbot's --preferred-chain. <value>null</value></summary>
    public string? PreferredChain { get; init; }

    /// <summary>Limits, retries and polling of the client. <value>the <see cref="AcmeClientDefaults"/></value></summary>
    public AcmeClientOptions? Client { get; init; }

    /// <summary>Every problem with these options, each naming the option and the fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!DirectoryUrl.IsAbsoluteUri || DirectoryUrl.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"ACME directory URL '{DirectoryUrl}' must be an absolute https:// URL");
        }

        if (string.IsNullOrWhiteSpace(AccountDirectory))
        {
            errors.Add("the ACME account directory is empty; give a directory for the account key");
        }

        if (Challenge is not (AcmeChallenge.Http01 or AcmeChallenge.Dns01 or AcmeChallenge.TlsAlpn01))
        {
            errors.Add($"ACME challenge '{Challenge}' is unknown; use http-01, dns-01 or tls-alpn-01");
        }

        if (Challenge == AcmeChallenge.Dns01 && string.IsNullOrWhiteSpace(DnsHook))
        {
            errors.Add("the dns-01 challenge needs a DNS hook command that sets and removes the TXT record");
        }

        if (HttpPort is < 1 or > 65535 || TlsPort is < 1 or > 65535)
        {
            errors.Add($"ACME listener ports must be 1-65535 (http {HttpPort}, tls {TlsPort})");
        }

        if (Webroot is not null && !Directory.Exists(Webroot))
        {
            errors.Add($"http-01 webroot {Webroot} does not exist; give the web server's document root");
        }

        if (CaFile is not null && !File.Exists(CaFile))
        {
            errors.Add($"ACME CA file {CaFile} does not exist");
        }

        if (string.IsNullOrWhiteSpace(EabKeyId) != string.IsNullOrWhiteSpace(EabHmacKey))
        {
            errors.Add("external account binding needs both the key id and the HMAC key");
        }

        if (Email is not null && !Email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add($"ACME contact e-mail '{Email}' is not an e-mail address");
        }

        return errors;
    }
}
