using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Bench.CertGen;

/// <summary>
/// <c>certgen server</c>: a TLS server certificate for the scan benchmark's nginx, issued by the bench
/// EC issuing CA, valid for localhost, 127.0.0.1 and ::1. Writes server.crt (leaf then issuer),
/// server.key (PKCS#8, mode 0600) and ca.pem (the root, for <c>--ca-file</c>).
/// </summary>
internal static class ServerCommand
{
    public static int Run(Arguments args, TextWriter output)
    {
        var caDirectory = args.Required("ca");
        var outDirectory = args.Required("out");
        args.RejectUnknown();

        var now = TimeProvider.System.GetUtcNow();
        using var ca = BenchCa.LoadOrCreate(caDirectory, now);
        var issuerPem = ca.IssuerCertificatePem(0);
        using var issuer = X509Certificate2.CreateFromPem(issuerPem, ca.Issuers[0].PrivateKeyPem);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("localhost");
        name.AddOrganizationName("Certwright Bench");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var leaf = request.Create(issuer, now.AddDays(-1), now.AddDays(365), BenchCa.RandomSerial());

        Directory.CreateDirectory(outDirectory);
        File.WriteAllText(Path.Combine(outDirectory, "server.crt"), leaf.ExportCertificatePem() + "\n" + issuerPem);
        var keyPath = Path.Combine(outDirectory, "server.key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        BenchCa.RestrictToOwner(keyPath);
        File.Copy(Path.Combine(caDirectory, "ca.pem"), Path.Combine(outDirectory, "ca.pem"), overwrite: true);
        output.WriteLine($"certgen: server certificate for localhost/127.0.0.1/::1 in {outDirectory} (expires {leaf.NotAfter:yyyy-MM-dd})");
        return 0;
    }
}
