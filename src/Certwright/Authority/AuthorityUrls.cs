namespace Certwright.Authority;

/// <summary>The URL layout <c>certwright serve</c> answers under a CA's public URL; issued certificates point at it.</summary>
public static class AuthorityUrls
{
    public const string OcspPath = "/ocsp";

    public static Uri Ocsp(Uri publicUrl) => Combine(publicUrl, "ocsp");

    public static Uri CrlDistributionPoint(Uri publicUrl, string authority) => Combine(publicUrl, $"crl/{authority}.crl");

    public static Uri CaIssuers(Uri publicUrl, string authority) => Combine(publicUrl, $"ca/{authority}.crt");

    private static Uri Combine(Uri publicUrl, string relative)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var text = publicUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + relative : text + "/" + relative, UriKind.Absolute);
    }
}
