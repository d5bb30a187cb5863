namespace Certwright.Scanning.Probing;

/// <summary>The protocol versions the prober tests, valued as their wire codes.</summary>
public enum TlsVersion
{
    Ssl30 = 0x0300,
    Tls10 = 0x0301,
    Tls11 = 0x0302,
    Tls12 = 0x0303,
    Tls13 = 0x0304,
}

/// <summary>Names of <see cref="TlsVersion"/> as sslscan and OpenSSL print them.</summary>
public static class TlsVersions
{
    /// <summary>Every version the prober tests, oldest first.</summary>
    public static IReadOnlyList<TlsVersion> All { get; } = [TlsVersion.Ssl30, TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13];

    /// <summary><c>SSLv3</c>, <c>TLSv1.0</c>, <c>TLSv1.1</c>, <c>TLSv1.2</c>, <c>TLSv1.3</c>.</summary>
    public static string Name(this TlsVersion version) => version switch
    {
        TlsVersion.Ssl30 => "SSLv3",
        TlsVersion.Tls10 => "TLSv1.0",
        TlsVersion.Tls11 => "TLSv1.1",
        TlsVersion.Tls12 => "TLSv1.2",
        TlsVersion.Tls13 => "TLSv1.3",
        _ => $"0x{(int)version:X4}",
    };
}
