using System.ComponentModel.DataAnnotations;

namespace Certwright.Scanning.Probing;

/// <summary>Limits and scope of <see cref="TlsProber"/>. Every connection is bounded in time and bytes.</summary>
public sealed class TlsProberOptions
{
    /// <summary>Resolving the name and opening one TCP connection.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>From sending a ClientHello (STARTTLS included) to the last byte of the reply needed.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole probe of one endpoint (all its connections).</summary>
    /// <value>2 minutes.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>TCP connections open at once, over all endpoints of one prober.</summary>
    /// <value>16.</value>
    /// <remarks>Cipher enumeration of one version is sequential (each pick depends on the previous); versions and groups run in parallel.</remarks>
    [Range(1, 1024)]
    public int MaxConnections { get; set; } = 16;

    /// <summary>The most bytes read from one connection (a certificate chain in TLS 1.2 is plaintext and read whole).</summary>
    /// <value>256 KiB.</value>
    [Range(16 * 1024, 16 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>Test protocol versions only: no cipher suite or group enumeration.</summary>
    /// <value>false.</value>
    public bool ProtocolsOnly { get; set; }

    /// <summary>Every problem with these options, each naming the option and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, value) in new[] { (nameof(ConnectTimeout), ConnectTimeout), (nameof(ReadTimeout), ReadTimeout), (nameof(TotalTimeout), TotalTimeout) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                errors.Add($"{name} is {value}; use a duration above zero and at most one hour.");
            }
        }

        if (MaxConnections is < 1 or > 1024)
        {
            errors.Add($"{nameof(MaxConnections)} is {MaxConnections}; use 1 to 1024.");
        }

        if (MaxResponseBytes is < 16 * 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"{nameof(MaxResponseBytes)} is {MaxResponseBytes}; use 16384 to 16777216.");
        }

        return errors;
    }
}
