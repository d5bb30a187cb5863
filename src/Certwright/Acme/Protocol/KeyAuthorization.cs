using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Certwright.Acme.Protocol;

/// <summary>Key authorizations (RFC 8555 section 8.1) and what each challenge type publishes from them.</summary>
public static class KeyAuthorization
{
    /// <summary>The well-known path prefix of http-01 (RFC 8555 section 8.3).</summary>
    public const string Http01PathPrefix = "/.well-known/acme-challenge/";

    /// <summary><c>token || '.' || base64url(Thumbprint(accountKey))</c>.</summary>
    public static string Compute(string token, AcmeJwk accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(accountKey);
        return token + "." + accountKey.Thumbprint();
    }

    /// <summary>The dns-01 TXT record value: base64url(SHA-256(key authorization)) (section 8.4).</summary>
    public static string Dns01TxtValue(string keyAuthorization) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization)));

    /// <summary>The dns-01 record name, <c>_acme-challenge.</c> + the domain (a wildcard's <c>*.</c> removed).</summary>
    public static string Dns01TxtName(string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var name = domain.StartsWith("*.", StringComparison.Ordinal) ? domain[2..] : domain;
        return "_acme-challenge." + name.TrimEnd('.');
    }

    /// <summary>The SHA-256 of the key authorization that goes in tls-alpn-01's acmeIdentifier extension (RFC 8737 section 3).</summary>
    public static byte[] TlsAlpn01Digest(string keyAuthorization) => SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization));

    /// <summary>Tokens are base64url with at least 128 bits of entropy (section 8.1); anything else never reaches a path or a file name.</summary>
    public static bool IsWellFormedToken(string? token) =>
        token is { Length: >= 22 and <= 256 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
