using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Client.Challenges;

/// <summary>
/// tls-alpn-01 (RFC 8737) with a built-in TLS listener: offers only ALPN <c>acme-tls/1</c> and presents, by SNI, the
/// validation certificate of the domain being validated; the handshake is all the validator needs.
/// </summary>
internal sealed class TlsAlpn01Listener : IChallengeResponder
{
    private static readonly List<SslApplicationProtocol> Protocols = [new(TlsAlpnChallenge.AlpnProtocol)];

    private readonly ConcurrentDictionary<string, X509Certificate2> _certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChallengeTcpListener _listener;
    private readonly TimeProvider _time;

    public TlsAlpn01Listener(IPEndPoint endpoint, TimeProvider time)
    {
        _time = time;
        _listener = new ChallengeTcpListener(endpoint, "tls-alpn-01", ServeAsync);
    }

    public string ChallengeType => AcmeChallenge.TlsAlpn01;

    public Task PublishAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        _listener.EnsureStarted();
        var certificate = TlsAlpnChallenge.CreateCertificate(domain, keyAuthorization, _time);
        if (_certificates.TryGetValue(domain, out var old))
        {
            old.Dispose();
        }

        _certificates[domain] = certificate;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        // Kept until dispose: a validator may still be mid-handshake with it.
        return Task.CompletedTask;
    }

    private async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ApplicationProtocols = Protocols,
            ServerCertificateSelectionCallback = (_, host) =>
                host is not null && _certificates.TryGetValue(host, out var certificate) ? certificate : null!,
            ClientCertificateRequired = false,
        };
        await tls.AuthenticateAsServerAsync(options, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        foreach (var certificate in _certificates.Values)
        {
            certificate.Dispose();
        }
    }
}
