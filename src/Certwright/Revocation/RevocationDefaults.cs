namespace Certwright.Revocation;

/// <summary>Defaults of <see cref="RevocationOptions"/>.</summary>
public static class RevocationDefaults
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Tolerated clock difference between us and the responder or CRL issuer.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public const int MaxOcspResponseBytes = 1024 * 1024;

    public const int MaxCrlBytes = 32 * 1024 * 1024;

    public const int MaxRedirects = 3;

    /// <summary>RFC 5019 section 5: use GET when the encoded request is under 255 bytes.</summary>
    public const int MaxGetRequestLength = 255;
}
