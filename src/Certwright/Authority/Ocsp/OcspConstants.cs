namespace Certwright.Authority.Ocsp;

/// <summary>Defaults and wire names of the OCSP responder.</summary>
public static class OcspConstants
{
    public const string RequestContentType = "application/ocsp-request";
    public const string ResponseContentType = "application/ocsp-response";

    /// <summary>Ledger profile name of the responder's own delegated signing certificates.</summary>
    public const string SigningProfile = "ocsp-signing";

    /// <summary>Largest request accepted (bytes); a real one is about 100 bytes per CertID.</summary>
    public const int DefaultMaxRequestSize = 64 * 1024;

    /// <summary>Most CertIDs in one request.</summary>
    public const int DefaultMaxCertIdsPerRequest = 32;

    /// <summary>RFC 8954 §2.1: a nonce is 1 to 32 octets.</summary>
    public const int MaxNonceLength = 32;

    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(1);
    public static readonly TimeSpan DefaultSignerLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Most answers signed on demand (unknown serials, SHA-256 CertIDs) kept in the cache, so random serials cannot exhaust memory.</summary>
    public const int DefaultMaxOnDemandCacheEntries = 100_000;
}
