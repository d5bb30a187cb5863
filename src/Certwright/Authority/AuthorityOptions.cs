using System.Net;
using System.Text.RegularExpressions;
using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>What <c>ca init</c> creates: a root and an issuing intermediate with keys of <see cref="KeyType"/>.</summary>
/// <param name="Name">The CA's name: <c>[a-z0-9][a-z0-9-]{0,62}</c>.</param>
public sealed partial record AuthorityOptions(string Name)
{
    /// <summary>Key type of both CA keys. <value>Default: ec-p256.</value></summary>
    public KeyType KeyType { get; init; } = KeyType.EcP256;

    /// <summary>Base URL of <c>certwright serve</c> for AIA and CRL DP; null for none.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>DNS names the intermediate may issue for (RFC 5280 name constraint: the name and everything under it).</summary>
    public IReadOnlyList<string> PermittedDns { get; init; } = [];

    /// <summary>DNS names the intermediate must not issue for.</summary>
    public IReadOnlyList<string> ExcludedDns { get; init; } = [];

    /// <summary>IP ranges the intermediate may issue for.</summary>
    public IReadOnlyList<IPNetwork> PermittedIp { get; init; } = [];

    /// <summary>The HSM the keys are generated in (recorded with the CA; the PIN never is); null for the key file store.</summary>
    public Pkcs11Location? Pkcs11 { get; init; }

    /// <summary>Root validity. <value>Default: 10 years.</value></summary>
    public TimeSpan RootValidity { get; init; } = TimeSpan.FromDays(3652);

    /// <summary>Intermediate validity, capped by the root's. <value>Default: 5 years.</value></summary>
    public TimeSpan IntermediateValidity { get; init; } = TimeSpan.FromDays(1826);

    /// <exception cref="CertwrightException">Usage: a bad name or constraint.</exception>
    public void Validate()
    {
        ValidateName(Name);
        foreach (var dns in PermittedDns.Concat(ExcludedDns))
        {
            if (!SubjectAltName.IsDnsName(dns.TrimStart('.').ToLowerInvariant()) || dns.Contains('*', StringComparison.Ordinal))
            {
                throw new CertwrightException(ErrorKind.Usage, $"name constraint '{dns}' is not a DNS name or domain (e.g. example.internal); fix --permit-dns/--exclude-dns");
            }
        }

        if (PublicUrl is { } url && url.Scheme is not ("http" or "https"))
        {
            throw new CertwrightException(ErrorKind.Usage, $"public URL '{url}' is not http(s); give --public-url http://HOST:PORT");
        }
    }

    /// <exception cref="CertwrightException">Usage: not <c>[a-z0-9][a-z0-9-]{0,62}</c>.</exception>
    public static void ValidateName(string name)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new CertwrightException(ErrorKind.Usage, $"CA name '{name}' is not valid; use 1-63 lowercase letters, digits and '-', starting with a letter or digit");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
