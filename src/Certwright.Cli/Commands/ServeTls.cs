using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Cli.Commands;

/// <summary>Loads the https listener's certificate (first PEM certificate of --tls-cert with --tls-key) and its intermediates.</summary>
internal static class ServeTls
{
    /// <summary>Larger than any certificate chain file.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    /// <exception cref="CertwrightException">Usage: a missing, unreadable or mismatched certificate or key file.</exception>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain)? Load(string? certFile, string? keyFile, bool https)
    {
        if (certFile is null && keyFile is null)
        {
            return https ? throw new CertwrightException(ErrorKind.Usage, "an https:// --listen needs --tls-cert FILE and --tls-key FILE") : null;
        }

        if (certFile is null || keyFile is null)
        {
            throw new CertwrightException(ErrorKind.Usage, "give both --tls-cert and --tls-key");
        }

        if (!https)
        {
            throw new CertwrightException(ErrorKind.Usage, "--tls-cert/--tls-key need an https:// --listen, e.g. https://127.0.0.1:8443");
        }

        foreach (var file in new[] { certFile, keyFile })
        {
            var info = new FileInfo(file);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                throw new CertwrightException(ErrorKind.Usage, $"'{file}' does not exist or is larger than 1 MiB; give a PEM file");
            }
        }

        try
        {
            using var fromPem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Re-import as PKCS#12 so the key is usable by SslStream on every platform (an ephemeral PEM key is not, on some).
            var certificate = X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(certFile);
            var chain = new X509Certificate2Collection();
            foreach (var extra in all.Skip(1))
            {
                chain.Add(extra);
            }

            all[0].Dispose();
            return (certificate, chain);
        }
        catch (CryptographicException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--tls-cert '{certFile}' with --tls-key '{keyFile}' cannot be loaded ({e.Message.TrimEnd('.')}); give a PEM certificate and its unencrypted PEM key");
        }
    }
}
