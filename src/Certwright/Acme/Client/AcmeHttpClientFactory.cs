using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Certwright.Internal;

namespace Certwright.Acme.Client;

/// <summary>
/// The HttpClient for an ACME server: no redirects, a connect timeout, and TLS trust from the system store plus the
/// CAs of an optional PEM file (a private ACME server, Pebble).
/// </summary>
internal static class AcmeHttpClientFactory
{
    private const long MaxCaFileBytes = 1024 * 1024;

    public static HttpClient Create(string? caFile, TimeSpan connectTimeout) =>
        new(CreateHandler(caFile, connectTimeout)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The handler alone, for callers that wrap it (the client's time limits are per request, not HttpClient.Timeout).</summary>
    public static SocketsHttpHandler CreateHandler(string? caFile, TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        if (!string.IsNullOrWhiteSpace(caFile))
        {
            var roots = LoadRoots(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, chain, errors, roots);
        }

        return handler;
    }

    private static X509Certificate2Collection LoadRoots(string caFile)
    {
        var pem = System.Text.Encoding.ASCII.GetString(BoundedFile.ReadAllBytes(caFile, MaxCaFileBytes, "ACME CA file"));
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"ACME CA file {caFile} is not PEM certificates ({e.Message.TrimEnd('.')}); give the CA that signs the ACME server's TLS certificate", e);
        }

        return roots.Count > 0
            ? roots
            : throw new CertwrightException(ErrorKind.Usage, $"ACME CA file {caFile} has no PEM certificate; give the CA that signs the ACME server's TLS certificate");
    }

    private static bool Validate(X509Certificate? certificate, X509Chain? systemChain, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // The name must match and a certificate must be there; only the chain may be anchored in the CA file instead.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (systemChain is not null)
        {
            foreach (var element in systemChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return chain.Build(leaf);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }

            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }
}
