namespace Certwright.Authority.Crl;

/// <summary>How <see cref="CrlBuilder"/> and <see cref="CrlPublisher"/> make a CA's CRLs.</summary>
public sealed class CrlOptions
{
    /// <summary>nextUpdate - thisUpdate of each CRL.</summary>
    /// <value>7 days.</value>
    /// <remarks>Relying parties cache a CRL until its nextUpdate, so a revocation reaches them within <see cref="RefreshFraction"/> × this at worst when only the schedule publishes, or at once when the revoke command publishes.</remarks>
    public TimeSpan Validity { get; set; } = CrlDefaults.Validity;

    /// <summary>The fraction of <see cref="Validity"/> after which the current CRL is due for regeneration (0.1 to 0.9).</summary>
    /// <value>0.5.</value>
    public double RefreshFraction { get; set; } = CrlDefaults.RefreshFraction;

    /// <summary>
    /// How long after its certificate's notAfter a revoked entry is still listed; null lists entries forever.
    /// </summary>
    /// <value>7 days (<see cref="CrlDefaults.ExpiredEntryRetention"/>).</value>
    /// <remarks>
    /// RFC 5280 §3.3 lets a CA drop an entry once it has appeared on one regularly scheduled CRL issued after the
    /// certificate expired. A retention of at least <see cref="Validity"/> guarantees that (a CRL is published at least
    /// every <see cref="Validity"/>), so shorter values are refused. Entries whose notAfter the store does not know stay.
    /// </remarks>
    public TimeSpan? ExpiredEntryRetention { get; set; } = CrlDefaults.ExpiredEntryRetention;

    /// <summary>How long a publish waits for another process that is publishing the same CA's CRL.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan LockTimeout { get; set; } = CrlDefaults.LockTimeout;

    /// <summary>Every problem with these options, each naming the option and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Validity < TimeSpan.FromHours(1) || Validity > TimeSpan.FromDays(366))
        {
            errors.Add($"{nameof(Validity)} is {Validity}; use 1 hour to 366 days.");
        }

        if (!(RefreshFraction >= 0.1 && RefreshFraction <= 0.9))
        {
            errors.Add($"{nameof(RefreshFraction)} is {RefreshFraction}; use 0.1 to 0.9.");
        }

        if (ExpiredEntryRetention is { } retention && retention < Validity)
        {
            errors.Add($"{nameof(ExpiredEntryRetention)} is {retention}; use at least {nameof(Validity)} ({Validity}) so an entry appears on one scheduled CRL after its certificate expired (RFC 5280 §3.3), or null to keep entries forever.");
        }

        if (LockTimeout <= TimeSpan.Zero || LockTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(LockTimeout)} is {LockTimeout}; use a duration above zero and at most 10 minutes.");
        }

        return errors;
    }

    internal void EnsureValid()
    {
        if (Validate() is { Count: > 0 } errors)
        {
            throw new CertwrightException(ErrorKind.Usage, "invalid CRL options: " + string.Join(" ", errors));
        }
    }
}
