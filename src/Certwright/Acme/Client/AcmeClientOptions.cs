using System.ComponentModel.DataAnnotations;

namespace Certwright.Acme.Client;

/// <summary>How an <see cref="AcmeClient"/> talks to one ACME server: limits, retries and polling.</summary>
public sealed record AcmeClientOptions
{
    /// <summary>The ACME directory URL, e.g. <c>https://acme-v02.api.letsencrypt.org/directory</c>.</summary>
    public required Uri DirectoryUrl { get; init; }

    /// <summary>Time limit of one HTTP exchange. <value>30 seconds</value></summary>
    public TimeSpan RequestTimeout { get; init; } = AcmeClientDefaults.RequestTimeout;

    /// <summary>Larger responses are refused (a certificate chain is a few KB). <value>1 MiB</value></summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxResponseBytes { get; init; } = AcmeClientDefaults.MaxResponseBytes;

    /// <summary>Tries per request for transient failures (rateLimited, serverInternal, 5xx, network). <value>4</value></summary>
    [Range(1, 20)]
    public int MaxAttempts { get; init; } = AcmeClientDefaults.MaxAttempts;

    /// <summary>Tries per request when the server rejects the nonce (badNonce; Pebble does it on purpose). <value>10</value></summary>
    [Range(1, 100)]
    public int MaxBadNonceRetries { get; init; } = AcmeClientDefaults.MaxBadNonceRetries;

    /// <summary>The first backoff delay; doubled per attempt. <value>1 second</value></summary>
    public TimeSpan InitialRetryDelay { get; init; } = AcmeClientDefaults.InitialRetryDelay;

    /// <summary>
    /// The longest wait the client accepts inside one run. <value>2 minutes</value>
    /// </summary>
    /// <remarks>A Retry-After beyond this (e.g. an hourly rate limit) fails the request with the time to retry, instead of blocking the run.</remarks>
    public TimeSpan MaxRetryDelay { get; init; } = AcmeClientDefaults.MaxRetryDelay;

    /// <summary>The polling interval for authorizations and orders when the server sends no Retry-After. <value>1 second</value></summary>
    public TimeSpan PollInterval { get; init; } = AcmeClientDefaults.PollInterval;

    /// <summary>How long to wait for an authorization or order to leave pending/processing. <value>3 minutes</value></summary>
    public TimeSpan PollTimeout { get; init; } = AcmeClientDefaults.PollTimeout;
}

/// <summary>The defaults of <see cref="AcmeClientOptions"/>.</summary>
public static class AcmeClientDefaults
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    public const int MaxResponseBytes = 1024 * 1024;
    public const int MaxAttempts = 4;
    public const int MaxBadNonceRetries = 10;
    public static readonly TimeSpan InitialRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PollTimeout = TimeSpan.FromMinutes(3);
}
