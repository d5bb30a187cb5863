namespace Certwright.Scanning;

/// <summary>Default limits of <see cref="EndpointScannerOptions"/>.</summary>
public static class ScanningDefaults
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(20);
    public const int MaxConcurrency = 32;
    public const int MaxHandshakeBytes = 512 * 1024;
    public const int MaxStartTlsLineBytes = 8 * 1024;
}
