using System.Collections.Concurrent;
using Certwright.Authority;

namespace Certwright.Renewal;

/// <summary>
/// The sources of a renewal run: one <see cref="CertificateIssuer"/> per private CA (its key opened once, on first use, by
/// <paramref name="openAuthority"/>), and ACME sources through <see cref="Acme"/> once the ACME client is plugged in.
/// </summary>
/// <param name="store">The CA ledger.</param>
/// <param name="openAuthority">Opens a CA's key as the <c>issue</c> command does (passphrase file, HSM PIN).</param>
/// <param name="profiles">Resolves a profile name (built in, or from certwright.yaml).</param>
/// <param name="timeProvider">The clock of the issuers.</param>
public sealed class CertificateSourceFactory(
    IAuthorityStore store,
    Func<AuthorityRecord, CancellationToken, Task<SigningAuthority>> openAuthority,
    Func<string, CertificateProfile> profiles,
    TimeProvider timeProvider) : ICertificateSourceFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(SigningAuthority Authority, CertificateIssuer Issuer)>>> _issuers = new(StringComparer.Ordinal);

    /// <summary>Builds the source of an ACME managed certificate; null until the ACME client is wired in.</summary>
    public Func<AcmeSourceSpec, ManagedCertificate, ICertificateSource>? Acme { get; init; }

    public async Task<ICertificateSource> CreateAsync(ManagedCertificate managed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managed);
        switch (managed.Source)
        {
            case PrivateCaSourceSpec ca:
                var profile = profiles(ca.Profile);
                var lazy = _issuers.GetOrAdd(ca.Authority, name => new Lazy<Task<(SigningAuthority, CertificateIssuer)>>(() => OpenAsync(name, cancellationToken)));
                var (_, issuer) = await lazy.Value;
                return new PrivateCaSource(issuer, profile, ca.Authority);
            case AcmeSourceSpec acme when Acme is not null:
                return Acme(acme, managed);
            case AcmeSourceSpec acme:
                throw new CertwrightException(ErrorKind.Usage, $"managed certificate '{managed.Name}' uses ACME ({acme.DirectoryUrl}), which this build of certwright does not renew yet (the ACME client is not wired in)");
            default:
                throw new CertwrightException(ErrorKind.State, $"managed certificate '{managed.Name}' has an unknown source kind '{managed.Source.Kind}'; upgrade certwright");
        }
    }

    private async Task<(SigningAuthority, CertificateIssuer)> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var record = await store.FindAuthorityAsync(name, cancellationToken)
            ?? throw new CertwrightException(ErrorKind.Usage, $"no CA named '{name}'; 'certwright ca list' shows them");
        var authority = await openAuthority(record, cancellationToken);
        return (authority, new CertificateIssuer(authority, store, timeProvider));
    }

    /// <summary>Closes the CA keys opened.</summary>
    public void Dispose()
    {
        foreach (var lazy in _issuers.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Authority.Dispose();
            }
        }

        _issuers.Clear();
    }
}
