namespace Certwright.Renewal;

/// <summary>Gives the renewal engine the source of each managed certificate; the host decides how sources are built (and keys opened).</summary>
public interface ICertificateSourceFactory
{
    /// <exception cref="CertwrightException">The source cannot be used (unknown CA, key not available, ACME not wired).</exception>
    Task<ICertificateSource> CreateAsync(ManagedCertificate managed, CancellationToken cancellationToken);
}
