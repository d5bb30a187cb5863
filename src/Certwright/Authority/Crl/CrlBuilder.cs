using Certwright.Authority.Crl.Internal;

namespace Certwright.Authority.Crl;

/// <summary>
/// Builds a CA's RFC 5280 v2 CRL: issuer = the issuing certificate's subject (exact bytes), thisUpdate = now,
/// nextUpdate = now + <see cref="CrlOptions.Validity"/>, CRL Number and Authority Key Identifier extensions, one entry
/// per revoked serial with its revocationDate and reasonCode. Signed through the CA's <see cref="Keys.ISigningKey"/>, so
/// software, HSM and ML-DSA keys all work.
/// </summary>
public sealed class CrlBuilder
{
    private readonly CrlOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <exception cref="CertwrightException">Usage: <paramref name="options"/> are invalid.</exception>
    public CrlBuilder(CrlOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.EnsureValid();
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Reads the CA's revocations, allocates the next CRL number durably, and builds the CRL.</summary>
    public async Task<CrlDocument> BuildAsync(SigningAuthority authority, IAuthorityStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(store);
        var revoked = await store.ListRevokedAsync(authority.Name, cancellationToken);
        var number = await store.NextCrlNumberAsync(authority.Name, cancellationToken);
        return Build(authority, revoked, number);
    }

    /// <summary>Builds and signs a CRL listing <paramref name="revoked"/> (minus long-expired entries) with CRL number <paramref name="number"/>.</summary>
    /// <exception cref="CertwrightException">State: a stored reason code is not an RFC 5280 reason, or the CA certificate is unreadable.</exception>
    public CrlDocument Build(SigningAuthority authority, IReadOnlyList<RevokedCertificate> revoked, long number)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(revoked);
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        var thisUpdate = CrlEncoder.Truncate(_timeProvider.GetUtcNow());
        var nextUpdate = CrlEncoder.Truncate(thisUpdate + _options.Validity);
        var entries = Listed(authority.Name, revoked, thisUpdate);
        var issuer = CrlIssuer.FromCertificate(authority.Record.IssuingCertificate, authority.Name);
        var der = CrlEncoder.Encode(authority.Key, issuer, thisUpdate, nextUpdate, number, entries);
        return new CrlDocument(authority.Name, number, thisUpdate, nextUpdate, entries.Count, der);
    }

    private List<RevokedCertificate> Listed(string authority, IReadOnlyList<RevokedCertificate> revoked, DateTimeOffset now)
    {
        var cutoff = _options.ExpiredEntryRetention is { } retention ? now - retention : (DateTimeOffset?)null;
        var entries = new List<RevokedCertificate>(revoked.Count);
        foreach (var entry in revoked)
        {
            if (entry.Reason is < RevocationReason.Unspecified or > RevocationReason.AACompromise or (RevocationReason)7)
            {
                throw new CertwrightException(ErrorKind.State, $"CA '{authority}' has a revocation with reason code {(int)entry.Reason}, which RFC 5280 does not define; the ledger is damaged");
            }

            if (cutoff is null || entry.NotAfter is not { } notAfter || notAfter >= cutoff)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
