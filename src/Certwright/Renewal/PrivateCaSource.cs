using Certwright.Authority;
using Certwright.Renewal.Deploy;

namespace Certwright.Renewal;

/// <summary>New certificates from Certwright's own CA: the issuer records each in the ledger before returning it.</summary>
public sealed class PrivateCaSource : ICertificateSource
{
    private readonly CertificateIssuer _issuer;
    private readonly CertificateProfile _profile;

    /// <param name="issuer">The CA's issuer (its key open); shared by every source of that CA.</param>
    /// <param name="profile">The profile to issue under.</param>
    /// <param name="authorityName">The CA's name, for <see cref="Description"/>.</param>
    public PrivateCaSource(CertificateIssuer issuer, CertificateProfile profile, string authorityName)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(profile);
        _issuer = issuer;
        _profile = profile;
        Description = $"ca {authorityName} ({profile.Name})";
    }

    public string Description { get; }

    public async Task<CertificateBundle> ObtainAsync(CertificateOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Domains.Count == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"managed certificate '{order.ManagedName}' has no domain; add it again with --domain NAME");
        }

        var request = new IssuanceRequest(_profile)
        {
            CommonName = order.Domains[0],
            SubjectAltNames = [.. order.Domains.Select(SubjectAltName.Parse)],
            KeyType = order.KeyType,
        };
        var result = await _issuer.IssueAsync(request, cancellationToken);

        // The issuer's chain ends with the root, which a server does not send.
        var chain = result.Chain.Count > 1 ? result.Chain.Take(result.Chain.Count - 1).ToList() : [.. result.Chain];
        return new CertificateBundle(result.Certificate.Der, chain, result.PrivateKeyPkcs8);
    }

    /// <summary>The private CA offers no renewal information: the default rule applies.</summary>
    public Task<RenewalWindow?> SuggestRenewalWindowAsync(byte[] currentLeafDer, CancellationToken cancellationToken) =>
        Task.FromResult<RenewalWindow?>(null);
}
