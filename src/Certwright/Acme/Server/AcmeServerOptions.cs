using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Certwright.Acme.Server;

/// <summary>How the ACME server validates challenges and bounds its state.</summary>
public sealed class AcmeServerOptions
{
    /// <summary>The port http-01 validation connects to. <value>80</value></summary>
    /// <remarks>RFC 8555 §8.3 fixes 80; tests and unprivileged set-ups change it (certbot <c>--http-01-port</c>, lego <c>--http.port</c>).</remarks>
    [Range(1, 65535)]
    public int HttpValidationPort { get; init; } = AcmeServerConstants.DefaultHttpValidationPort;

    /// <summary>
    /// Names resolved without DNS during validation (<c>--acme-resolve NAME=IP</c>), e.g. <c>app.test</c> to 127.0.0.1; other
    /// names go through the system resolver. Keys are lowercase. <value>empty</value>
    /// </summary>
    public IReadOnlyDictionary<string, IPAddress> StaticHosts { get; init; } = new Dictionary<string, IPAddress>();

    /// <summary>Time limit of one validation (resolve, connect, response). <value>10 s</value></summary>
    public TimeSpan ValidationTimeout { get; init; } = AcmeServerConstants.DefaultValidationTimeout;

    /// <summary>Outstanding nonces kept; the oldest is forgotten beyond it. <value>10,000</value></summary>
    [Range(16, 10_000_000)]
    public int NonceCapacity { get; init; } = AcmeServerConstants.DefaultNonceCapacity;

    /// <summary>How long an order (and its authorizations) can be completed. <value>7 days</value></summary>
    public TimeSpan OrderLifetime { get; init; } = AcmeServerConstants.DefaultOrderLifetime;

    /// <summary>Unfinished orders one account may hold; more get rateLimited. <value>100</value></summary>
    [Range(1, 100_000)]
    public int MaxOpenOrdersPerAccount { get; init; } = AcmeServerConstants.DefaultMaxOpenOrdersPerAccount;

    /// <summary>Retry-After of renewalInfo answers (RFC 9773 §4.3). <value>6 hours</value></summary>
    public TimeSpan RenewalInfoRetryAfter { get; init; } = AcmeServerConstants.DefaultRenewalInfoRetryAfter;
}

/// <summary>Defaults and limits of the ACME server.</summary>
public static class AcmeServerConstants
{
    public const int DefaultHttpValidationPort = 80;
    public const int DefaultNonceCapacity = 10_000;
    public const int DefaultMaxOpenOrdersPerAccount = 100;

    /// <summary>Largest JWS request body (a CSR of an RSA-8192 key in base64url inside a JWS stays far below it).</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>Largest http-01 response body read; a key authorization is under 200 bytes.</summary>
    public const int MaxValidationResponseBytes = 8 * 1024;

    /// <summary>Identifiers per order.</summary>
    public const int MaxIdentifiers = 100;

    /// <summary>The path under which each CA's ACME resources live: <c>/acme/{ca}/directory</c>.</summary>
    public const string PathPrefix = "/acme/";

    public static readonly TimeSpan DefaultValidationTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultOrderLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultRenewalInfoRetryAfter = TimeSpan.FromHours(6);
}
