namespace Certwright.Authority.Crl;

/// <summary>When a published CRL should be replaced: a pure function of its thisUpdate, nextUpdate and the refresh fraction.</summary>
/// <param name="ThisUpdate">The current CRL's thisUpdate.</param>
/// <param name="NextUpdate">The current CRL's nextUpdate.</param>
/// <param name="RefreshFraction">The fraction of its validity after which it is due (<see cref="CrlOptions.RefreshFraction"/>).</param>
public readonly record struct CrlSchedule(DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, double RefreshFraction)
{
    public static CrlSchedule For(CrlDocument current, CrlOptions options)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        return new CrlSchedule(current.ThisUpdate, current.NextUpdate, options.RefreshFraction);
    }

    /// <summary>The moment the CRL becomes due: thisUpdate + fraction × (nextUpdate - thisUpdate).</summary>
    public DateTimeOffset RefreshAt => ThisUpdate + ((NextUpdate - ThisUpdate) * RefreshFraction);

    /// <summary>
    /// Whether a new CRL should be published at <paramref name="now"/>: the refresh moment has come, or the clock is
    /// before thisUpdate (it was set back; relying parties refuse a CRL that is not yet valid).
    /// </summary>
    public bool IsDue(DateTimeOffset now) => now >= RefreshAt || now < ThisUpdate;
}
