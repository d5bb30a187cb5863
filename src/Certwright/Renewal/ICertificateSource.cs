using Certwright.Keys;
using Certwright.Renewal.Deploy;

namespace Certwright.Renewal;

/// <summary>
/// Where a managed certificate's new certificates come from: a private CA profile (<c>--ca NAME --profile P</c>) or an
/// ACME directory (<c>--acme URL</c>). The renewal engine asks a source; it never knows which kind it talks to.
/// </summary>
public interface ICertificateSource
{
    /// <summary>Names the source in messages and summaries, e.g. <c>ca corp (server)</c> or <c>acme https://…/dir</c>.</summary>
    string Description { get; }

    /// <summary>Obtains a new certificate for the order's names, with a fresh key of the order's key type.</summary>
    /// <exception cref="CertwrightException">The CA refused the order, could not be reached, or a challenge failed.</exception>
    Task<CertificateBundle> ObtainAsync(CertificateOrder order, CancellationToken cancellationToken);

    /// <summary>
    /// The window in which the CA suggests renewing <paramref name="currentLeafDer"/> (ACME Renewal Information, RFC 9773);
    /// null when the CA offers none, so the default rule (the last third of the lifetime) applies.
    /// </summary>
    Task<RenewalWindow?> SuggestRenewalWindowAsync(byte[] currentLeafDer, CancellationToken cancellationToken);
}

/// <summary>What to obtain for one managed certificate.</summary>
/// <param name="ManagedName">The managed certificate's name (as in <c>managed add NAME</c>).</param>
/// <param name="Domains">The names for the SAN extension, the first also the subject CN.</param>
/// <param name="KeyType">The key to generate for the new certificate.</param>
/// <param name="CurrentLeaf">DER of the certificate this one renews, if any (an ACME order names it in 'replaces', RFC 9773).</param>
public sealed record CertificateOrder(string ManagedName, IReadOnlyList<string> Domains, KeyType KeyType, byte[]? CurrentLeaf = null);

/// <summary>A renewal window suggested by the CA (RFC 9773 suggestedWindow).</summary>
/// <param name="Start">Renew no earlier than this.</param>
/// <param name="End">Renew no later than this.</param>
/// <param name="ExplanationUrl">The CA's explanation (e.g. a mass revocation notice), when given.</param>
/// <param name="RetryAfter">When to ask the CA again (the Retry-After header), when given.</param>
public sealed record RenewalWindow(DateTimeOffset Start, DateTimeOffset End, Uri? ExplanationUrl = null, DateTimeOffset? RetryAfter = null);
