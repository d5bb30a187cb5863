namespace Certwright.Monitoring.Configuration;

/// <summary>Defaults of the monitor configuration.</summary>
public static class MonitorConstants
{
    /// <summary>The configuration file looked for in the data directory when <c>--config</c> is not given.</summary>
    public const string ConfigFileName = "certwright.yaml";

    public const double DefaultJitter = 0.1;

    public const double MaxJitter = 0.5;

    public const int DefaultConcurrency = 32;

    /// <summary>A configuration file larger than this is not one (a thousand targets take ~200 KiB).</summary>
    public const int MaxConfigFileBytes = 16 * 1024 * 1024;

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(6);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Check history kept by default: 400 days, a year of audit evidence (PCI DSS 10.5.1) with a margin.</summary>
    public static readonly TimeSpan DefaultHistoryRetention = TimeSpan.FromDays(400);
}
