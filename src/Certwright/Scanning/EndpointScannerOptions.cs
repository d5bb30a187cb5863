using System.ComponentModel.DataAnnotations;

namespace Certwright.Scanning;

/// <summary>Limits for <see cref="EndpointScanner"/>. Every network step is bounded in time and bytes.</summary>
public sealed class EndpointScannerOptions
{
    /// <summary>Resolving the name and opening the TCP connection.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = ScanningDefaults.ConnectTimeout;

    /// <summary>The STARTTLS exchange plus the TLS handshake.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan HandshakeTimeout { get; set; } = ScanningDefaults.HandshakeTimeout;

    /// <summary>The whole scan of one endpoint.</summary>
    /// <value>20 seconds.</value>
    /// <remarks>Caps <see cref="ConnectTimeout"/> plus <see cref="HandshakeTimeout"/> when it is smaller than their sum.</remarks>
    public TimeSpan TotalTimeout { get; set; } = ScanningDefaults.TotalTimeout;

    /// <summary>How many endpoints a multi-target scan handles at once.</summary>
    /// <value>32.</value>
    [Range(1, 4096)]
    public int MaxConcurrency { get; set; } = ScanningDefaults.MaxConcurrency;

    /// <summary>The most bytes read from a server during the handshake before the scan gives up.</summary>
    /// <value>512 KiB.</value>
    [Range(16 * 1024, 16 * 1024 * 1024)]
    public int MaxHandshakeBytes { get; set; } = ScanningDefaults.MaxHandshakeBytes;

    /// <summary>The longest STARTTLS reply line accepted.</summary>
    /// <value>8 KiB.</value>
    [Range(512, 1024 * 1024)]
    public int MaxStartTlsLineBytes { get; set; } = ScanningDefaults.MaxStartTlsLineBytes;

    /// <summary>Every problem with these options, each naming the option and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckPositive(errors, nameof(ConnectTimeout), ConnectTimeout);
        CheckPositive(errors, nameof(HandshakeTimeout), HandshakeTimeout);
        CheckPositive(errors, nameof(TotalTimeout), TotalTimeout);
        CheckRange(errors, nameof(MaxConcurrency), MaxConcurrency, 1, 4096);
        CheckRange(errors, nameof(MaxHandshakeBytes), MaxHandshakeBytes, 16 * 1024, 16 * 1024 * 1024);
        CheckRange(errors, nameof(MaxStartTlsLineBytes), MaxStartTlsLineBytes, 512, 1024 * 1024);
        return errors;
    }

    private static void CheckPositive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            errors.Add($"{name} is {value}; use a duration above zero and at most one hour.");
        }
    }

    private static void CheckRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value}; use {min} to {max}.");
        }
    }
}
