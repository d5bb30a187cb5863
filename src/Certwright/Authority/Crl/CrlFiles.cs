namespace Certwright.Authority.Crl;

/// <summary>
/// Where published CRLs live in the data directory: <c>DATA/crl/{name}.crl</c> (DER, what the CRL distribution point
/// serves) and <c>DATA/crl/{name}.crl.pem</c>. The one place that knows the layout; the server reads the same paths.
/// </summary>
public static class CrlFiles
{
    public const string FolderName = "crl";

    public static string Directory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return Path.Combine(dataDirectory, FolderName);
    }

    /// <summary>The DER CRL of <paramref name="authority"/>.</summary>
    /// <exception cref="CertwrightException">Usage: not a CA name (also stops path tricks such as <c>../x</c> from a URL).</exception>
    public static string PathFor(string dataDirectory, string authority) => Path.Combine(Directory(dataDirectory), CheckName(authority) + ".crl");

    /// <summary>The PEM CRL of <paramref name="authority"/>.</summary>
    public static string PemPathFor(string dataDirectory, string authority) => PathFor(dataDirectory, authority) + ".pem";

    /// <summary>The lock file publishers of <paramref name="authority"/> take, so CRL numbers on disk never go backwards.</summary>
    internal static string LockPathFor(string dataDirectory, string authority) => Path.Combine(Directory(dataDirectory), $".{CheckName(authority)}.lock");

    /// <summary>Whether <paramref name="authority"/> is a CA name (<c>[a-z0-9][a-z0-9-]{0,62}</c>); a server maps a bad name to 404.</summary>
    public static bool IsValidName(string? authority) =>
        authority is { Length: >= 1 and <= 63 }
        && IsLowerAlphanumeric(authority[0])
        && authority.All(c => IsLowerAlphanumeric(c) || c == '-');

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiDigit(c) || c is >= 'a' and <= 'z';

    private static string CheckName(string authority) =>
        IsValidName(authority)
            ? authority
            : throw new CertwrightException(ErrorKind.Usage, $"'{authority}' is not a CA name; CA names are 1-63 of a-z, 0-9 and '-', as `certwright ca list` shows");
}
