namespace Certwright.Acme.Client.Challenges;

/// <summary>
/// Publishes what one challenge type needs (a file, a DNS record, a TLS certificate) while the CA validates, and removes it
/// after. One responder serves one order; disposing it stops any listener it started.
/// </summary>
internal interface IChallengeResponder : IAsyncDisposable
{
    /// <summary>http-01, dns-01 or tls-alpn-01.</summary>
    string ChallengeType { get; }

    /// <summary>Makes <paramref name="keyAuthorization"/> visible to the CA for <paramref name="domain"/>.</summary>
    Task PublishAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken);

    /// <summary>Removes what <see cref="PublishAsync"/> published.</summary>
    Task RemoveAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken);
}
