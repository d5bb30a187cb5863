using System.ComponentModel.DataAnnotations;

namespace Certwright.Authority.Ocsp;

/// <summary>How the OCSP responder signs, caches and refreshes its answers.</summary>
public sealed class OcspResponderOptions
{
    /// <summary>nextUpdate - thisUpdate of every answer. <value>1 day</value></summary>
    /// <remarks>Pre-signed answers are re-signed when half of it has passed, so a cached answer is never older than half of it.</remarks>
    public TimeSpan Validity { get; set; } = OcspConstants.DefaultValidity;

    /// <summary>
    /// Sign with a delegated responder certificate (id-kp-OCSPSigning, id-pkix-ocsp-nocheck) and an in-memory key instead of
    /// the CA key. <value>true</value>
    /// </summary>
    /// <remarks>The certificate is renewed when a third of <see cref="SignerLifetime"/> remains; renewal re-signs every cached answer.</remarks>
    public bool DelegateSigning { get; set; } = true;

    /// <summary>Validity of the delegated responder certificate. <value>7 days</value></summary>
    /// <remarks>At least three times <see cref="Validity"/>, so that no answer outlives the certificate that signed it.</remarks>
    public TimeSpan SignerLifetime { get; set; } = OcspConstants.DefaultSignerLifetime;

    /// <summary>How often the store's change counter is read to pick up issuances and revocations. <value>1 s</value></summary>
    public TimeSpan PollInterval { get; set; } = OcspConstants.DefaultPollInterval;

    /// <summary>Largest request body accepted. <value>64 KiB</value></summary>
    [Range(128, 1024 * 1024)]
    public int MaxRequestSize { get; set; } = OcspConstants.DefaultMaxRequestSize;

    /// <summary>Most CertIDs in one request. <value>32</value></summary>
    [Range(1, 1000)]
    public int MaxCertIdsPerRequest { get; set; } = OcspConstants.DefaultMaxCertIdsPerRequest;

    /// <summary>Signatures made on demand at the same time (nonce requests, uncached CertIDs). <value>the processor count</value></summary>
    /// <remarks>Requests beyond this wait; beyond <see cref="MaxQueuedSigning"/> waiting ones get tryLater.</remarks>
    [Range(1, 1024)]
    public int MaxConcurrentSigning { get; set; } = Environment.ProcessorCount;

    /// <summary>On-demand requests allowed to wait for a signing slot before tryLater is answered. <value>256</value></summary>
    [Range(0, 100_000)]
    public int MaxQueuedSigning { get; set; } = 256;

    /// <summary>Most on-demand answers (unknown serials, SHA-256 CertIDs) cached. <value>100,000</value></summary>
    [Range(0, 10_000_000)]
    public int MaxOnDemandCacheEntries { get; set; } = OcspConstants.DefaultMaxOnDemandCacheEntries;

    /// <exception cref="CertwrightException">Usage: a value out of range, naming the option.</exception>
    internal void Validate()
    {
        if (Validity < TimeSpan.FromMinutes(1) || Validity > TimeSpan.FromDays(30))
        {
            throw new CertwrightException(ErrorKind.Usage, $"OCSP validity {Validity} is out of range; use 1 minute to 30 days (e.g. --validity 1d)");
        }

        // Renewed with a third left, the signer must outlive every answer it signed: lifetime / 3 >= validity.
        if (DelegateSigning && (SignerLifetime < 3 * Validity || SignerLifetime > TimeSpan.FromDays(366)))
        {
            throw new CertwrightException(ErrorKind.Usage, $"OCSP validity {Validity} is too long for the delegated signer's lifetime {SignerLifetime}: it may be at most a third of it (or sign with the CA key: --no-delegate)");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(10))
        {
            throw new CertwrightException(ErrorKind.Usage, $"OCSP poll interval {PollInterval} is out of range; use 10 ms to 10 minutes");
        }

        if (MaxRequestSize < 128 || MaxCertIdsPerRequest < 1 || MaxConcurrentSigning < 1 || MaxQueuedSigning < 0 || MaxOnDemandCacheEntries < 0)
        {
            throw new CertwrightException(ErrorKind.Usage, "OCSP responder limits must be positive (request size >= 128 bytes, at least one CertID and one signer)");
        }
    }
}
