using System.ComponentModel.DataAnnotations;

namespace Certwright.Revocation;

/// <summary>Limits and choices for <see cref="RevocationChecker"/>. Every network step is bounded in time and bytes.</summary>
public sealed class RevocationOptions
{
    /// <summary>The whole of one HTTP exchange with a responder or CRL server, connect included.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = RevocationDefaults.RequestTimeout;

    /// <summary>How far thisUpdate may lie in the future, and nextUpdate in the past, before an answer is refused.</summary>
    /// <value>5 minutes.</value>
    public TimeSpan ClockSkew { get; set; } = RevocationDefaults.ClockSkew;

    /// <summary>The largest OCSP response read; a longer body is refused without reading it all.</summary>
    /// <value>1 MiB.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxOcspResponseBytes { get; set; } = RevocationDefaults.MaxOcspResponseBytes;

    /// <summary>The largest CRL read.</summary>
    /// <value>32 MiB.</value>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxCrlBytes { get; set; } = RevocationDefaults.MaxCrlBytes;

    /// <summary>HTTP redirects followed (http and https only; never https to http).</summary>
    /// <value>3.</value>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = RevocationDefaults.MaxRedirects;

    /// <summary>Whether OCSP requests carry a random nonce the response must echo.</summary>
    /// <value>false.</value>
    /// <remarks>Many CDN-fronted responders serve pre-signed responses without nonces; with this on they fail the check.</remarks>
    public bool UseNonce { get; set; }

    /// <summary>Whether small OCSP requests go by GET (RFC 5019, cacheable); false sends every request by POST.</summary>
    /// <value>true.</value>
    public bool PreferGet { get; set; } = true;

    /// <summary>A directory where downloaded CRLs are kept between runs; null keeps them in memory only.</summary>
    /// <value>null.</value>
    public string? CacheDirectory { get; set; }

    /// <summary>Every problem with these options, each naming the option and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(RequestTimeout)} is {RequestTimeout}; use a duration above zero and at most 10 minutes.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add($"{nameof(ClockSkew)} is {ClockSkew}; use zero to one hour.");
        }

        CheckRange(errors, nameof(MaxOcspResponseBytes), MaxOcspResponseBytes, 1024, 64 * 1024 * 1024);
        CheckRange(errors, nameof(MaxCrlBytes), MaxCrlBytes, 1024, 1024 * 1024 * 1024);
        CheckRange(errors, nameof(MaxRedirects), MaxRedirects, 0, 10);
        if (CacheDirectory is { Length: 0 })
        {
            errors.Add($"{nameof(CacheDirectory)} is empty; give a directory or leave it null.");
        }

        return errors;
    }

    private static void CheckRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value}; use {min} to {max}.");
        }
    }
}
