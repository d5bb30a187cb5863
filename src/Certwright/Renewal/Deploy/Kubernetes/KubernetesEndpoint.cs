using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// How to reach one API server: its URL, the CAs that sign its certificate (null: the system trust store), and the
/// credentials (bearer token, client certificate or basic). Read from a kubeconfig or the pod's service account.
/// </summary>
internal sealed class KubernetesEndpoint : IDisposable
{
    public required Uri Server { get; init; }

    /// <summary>The only roots the server's certificate may chain to; null uses the system trust store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    public bool SkipTlsVerify { get; init; }

    /// <summary>The name the server's certificate is checked against instead of the URL's host (kubeconfig tls-server-name).</summary>
    /// <remarks>Only the check: the TLS SNI stays the URL's host (HttpClient derives it from the request).</remarks>
    public string? TlsServerName { get; init; }

    public AuthenticationHeaderValue? Authorization { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>An HttpClient for this server with the timeout given; the caller disposes it.</summary>
    public HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate as X509Certificate2, errors);
        if (ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate];
        }

        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = Server, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = Authorization;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("certwright");
        return client;
    }

    public void Dispose()
    {
        ClientCertificate?.Dispose();
        foreach (var ca in CertificateAuthorities ?? [])
        {
            ca.Dispose();
        }
    }

    /// <summary>The name must match (the URL's host, or tls-server-name); the chain must end at one of the kubeconfig's CAs, else at a system root (as kubectl).</summary>
    private bool Validate(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (SkipTlsVerify)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        var nameMatches = TlsServerName is { } name
            ? certificate.MatchesHostname(name)
            : (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        if (!nameMatches)
        {
            return false;
        }

        if (CertificateAuthorities is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(CertificateAuthorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        try
        {
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }
}
