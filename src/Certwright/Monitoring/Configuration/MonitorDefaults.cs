using System.ComponentModel.DataAnnotations;
using Certwright.Policy;

namespace Certwright.Monitoring.Configuration;

/// <summary>What applies to every target and watched directory that does not say otherwise.</summary>
public sealed record MonitorDefaults
{
    /// <summary>When checks run. <value>Default: every 6 hours (<see cref="MonitorConstants.DefaultInterval"/>).</value></summary>
    public CheckSchedule Schedule { get; init; } = CheckSchedule.Every(MonitorConstants.DefaultInterval);

    /// <summary>
    /// Each run starts up to this fraction of its slot late, at random, so a thousand targets on one schedule do
    /// not all connect in the same second. <value>Default: 0.1.</value> Range: 0 (none) to 0.5.
    /// </summary>
    [Range(0.0, 0.5)]
    public double Jitter { get; init; } = MonitorConstants.DefaultJitter;

    /// <summary>Checks running at once. <value>Default: 32.</value> Range: 1 to 4096.</summary>
    [Range(1, 4096)]
    public int Concurrency { get; init; } = MonitorConstants.DefaultConcurrency;

    /// <summary>Expiry thresholds of targets that set none. <value>Default: warning 30 days, critical 7 days.</value></summary>
    public ExpiryThresholds Thresholds { get; init; } = ExpiryThresholds.Default;

    /// <summary>The whole scan of one endpoint, connect and handshake included. <value>Default: 20 seconds.</value></summary>
    public TimeSpan Timeout { get; init; } = MonitorConstants.DefaultTimeout;

    /// <summary>Trust only the CA certificates in this PEM file; null uses the system trust store.</summary>
    public string? CaFile { get; init; }

    /// <summary>
    /// Whether endpoint checks also enumerate protocols, cipher suites and groups with the raw ClientHello prober
    /// (about 80 short connections per endpoint; findings <c>weak-protocol</c>, <c>weak-cipher</c>). <value>Default: false.</value>
    /// </summary>
    public bool Probe { get; init; }

    /// <summary>
    /// Longest validity a TLS server certificate may have (<c>long-validity</c>), public or private; null keeps the
    /// CA/Browser Forum schedule for publicly trusted certificates and no limit for private ones.
    /// </summary>
    public TimeSpan? MaxValidity { get; init; }

    /// <summary>How long check results are kept (each target's latest always stays). <value>Default: 400 days.</value></summary>
    public TimeSpan KeepHistory { get; init; } = MonitorConstants.DefaultHistoryRetention;

    /// <summary>The certificate policy these defaults ask for.</summary>
    public CertificatePolicyOptions CertificatePolicy => MaxValidity is { } max
        ? CertificatePolicyOptions.Default with { PublicValidityLimits = ValidityLimits.Fixed(max), PrivateValidityLimits = ValidityLimits.Fixed(max) }
        : CertificatePolicyOptions.Default;
}
