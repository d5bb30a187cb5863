using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Client.Challenges;
using Certwright.Acme.Protocol;
using Certwright.Renewal;
using Certwright.Renewal.Deploy;

namespace Certwright.Acme.Client;

/// <summary>
/// One order from start to certificate: new order, each pending authorization answered with the responder's challenge
/// type (published, validated, removed), a fresh key and CSR, finalize, and the chain download.
/// </summary>
internal static class AcmeOrderProcess
{
    public static async Task<CertificateBundle> RunAsync(
        AcmeClient client, IChallengeResponder responder, CertificateOrder order, string? replaces, string? preferredChainIssuer, CancellationToken cancellationToken)
    {
        var identifiers = order.Domains.Select(d => System.Net.IPAddress.TryParse(d, out _)
            ? new AcmeIdentifier { Type = AcmeIdentifier.IpType, Value = d }
            : AcmeIdentifier.Dns(d)).ToList();
        var placed = await client.NewOrderAsync(identifiers, replaces, cancellationToken);
        foreach (var authorizationUrl in placed.Order.Authorizations ?? [])
        {
            await AuthorizeAsync(client, responder, authorizationUrl, cancellationToken);
        }

        var ready = await client.WaitForOrderAsync(placed.Url, cancellationToken);
        if (ready.Status != AcmeStatus.Ready && ready.Status != AcmeStatus.Valid)
        {
            throw Failed(order, $"the order is '{ready.Status}'{(ready.Error is { } e ? ": " + e : "")}");
        }

        var (csr, key) = AcmeCsr.Create(order.Domains, order.KeyType);
        var finished = await client.FinalizeAsync(placed with { Order = ready }, csr, cancellationToken);
        if (finished.Status != AcmeStatus.Valid || finished.Certificate is null)
        {
            throw Failed(order, $"finalizing left the order '{finished.Status}'{(finished.Error is { } e ? ": " + e : "")}");
        }

        var chain = await ChooseChainAsync(client, finished.Certificate, preferredChainIssuer, cancellationToken);
        AcmeLog.Issued(client.Logger, string.Join(", ", order.Domains), chain.Certificates.Count);
        return ToBundle(chain, key);
    }

    private static async Task AuthorizeAsync(AcmeClient client, IChallengeResponder responder, Uri authorizationUrl, CancellationToken cancellationToken)
    {
        var authorization = await client.GetAuthorizationAsync(authorizationUrl, cancellationToken);
        if (authorization.Status == AcmeStatus.Valid)
        {
            return;
        }

        var domain = authorization.Identifier.Value;
        if (authorization.Status != AcmeStatus.Pending)
        {
            throw new CertwrightException(ErrorKind.Remote, $"ACME authorization for {domain} is '{authorization.Status}'; place a new order");
        }

        var challenge = authorization.Challenges.FirstOrDefault(c => c.Type == responder.ChallengeType)
            ?? throw new CertwrightException(
                ErrorKind.Usage,
                $"ACME server offers no {responder.ChallengeType} challenge for {domain} (it offers {string.Join(", ", authorization.Challenges.Select(c => c.Type))}); choose one of those");
        if (!KeyAuthorization.IsWellFormedToken(challenge.Token))
        {
            throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"ACME server sent a malformed {challenge.Type} token for {domain}");
        }

        var keyAuthorization = client.KeyAuthorizationFor(challenge.Token!);
        await responder.PublishAsync(domain, challenge.Token!, keyAuthorization, cancellationToken);
        try
        {
            await client.RespondToChallengeAsync(challenge.Url, cancellationToken);
            authorization = await client.WaitForAuthorizationAsync(authorizationUrl, cancellationToken);
        }
        finally
        {
            await responder.RemoveAsync(domain, challenge.Token!, keyAuthorization, CancellationToken.None);
        }

        if (authorization.Status != AcmeStatus.Valid)
        {
            var error = authorization.Challenges.FirstOrDefault(c => c.Type == responder.ChallengeType)?.Error;
            throw new CertwrightException(
                ErrorKind.Remote,
                $"ACME server could not validate {domain} with {responder.ChallengeType}: {error?.ToString() ?? "authorization " + authorization.Status}; {Hint(responder.ChallengeType)}");
        }

        AcmeLog.Validated(client.Logger, domain, responder.ChallengeType);
    }

    private static string Hint(string challengeType) => challengeType switch
    {
        AcmeChallenge.Http01 => "make sure the name resolves to this host and port 80 (or the webroot) reaches Certwright",
        AcmeChallenge.Dns01 => "make sure the hook sets the TXT record in the zone the CA queries",
        _ => "make sure the name resolves to this host and port 443 reaches Certwright",
    };

    private static async Task<AcmeCertificateChain> ChooseChainAsync(AcmeClient client, Uri certificateUrl, string? preferredIssuer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(preferredIssuer))
        {
            return await client.DownloadCertificateAsync(certificateUrl, cancellationToken);
        }

        var chains = await client.DownloadAllChainsAsync(certificateUrl, cancellationToken);
        return chains.FirstOrDefault(c => TopIssuerMatches(c, preferredIssuer)) ?? chains[0];
    }

    /// <summary>Whether the chain ends at an issuer whose common name is <paramref name="issuer"/> (as certbot's --preferred-chain).</summary>
    internal static bool TopIssuerMatches(AcmeCertificateChain chain, string issuer)
    {
        using var top = X509CertificateLoader.LoadCertificate(chain.Certificates[^1]);
        return string.Equals(top.GetNameInfo(X509NameType.SimpleName, forIssuer: true), issuer, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The leaf, the intermediates (a trailing self-signed root is dropped) and the key.</summary>
    internal static CertificateBundle ToBundle(AcmeCertificateChain chain, byte[] privateKeyPkcs8)
    {
        var certificates = chain.Certificates.ToList();
        if (certificates.Count > 1)
        {
            using var last = X509CertificateLoader.LoadCertificate(certificates[^1]);
            if (last.SubjectName.RawData.AsSpan().SequenceEqual(last.IssuerName.RawData))
            {
                certificates.RemoveAt(certificates.Count - 1);
            }
        }

        return new CertificateBundle(certificates[0], certificates.Skip(1).ToList(), privateKeyPkcs8);
    }

    private static CertwrightException Failed(CertificateOrder order, string why) =>
        new(ErrorKind.Remote, $"ACME order for {string.Join(", ", order.Domains)} failed: {why}");
}
