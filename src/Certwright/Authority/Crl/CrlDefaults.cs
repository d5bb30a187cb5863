namespace Certwright.Authority.Crl;

/// <summary>Defaults of <see cref="CrlOptions"/>.</summary>
public static class CrlDefaults
{
    /// <summary>nextUpdate - thisUpdate: a week, as many public CAs publish.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    /// <summary>A CRL is regenerated once this fraction of its validity has passed (half: relying parties that cache it until nextUpdate always find a fresher one).</summary>
    public const double RefreshFraction = 0.5;

    /// <summary>Entries of expired certificates stay this long after the certificate's notAfter (equal to <see cref="Validity"/>).</summary>
    public static readonly TimeSpan ExpiredEntryRetention = Validity;

    /// <summary>How long a publish waits for another process publishing the same CA's CRL.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
}
