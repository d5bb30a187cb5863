using System.Security.Cryptography;
using Certwright.Certificates;
using Certwright.Inventory;

namespace Certwright.Bench.Store;

/// <summary>
/// Deterministic fake certificates with realistic sizes (900-byte DER, typical names): observation n is always
/// the same certificate, so a second run over the same range exercises the "already known" path.
/// </summary>
internal sealed class SyntheticCertificates(DateTimeOffset now, int expirySpreadDays)
{
    private static readonly string[] Issuers =
    [
        "CN=R11,O=Let's Encrypt,C=US", "CN=E6,O=Let's Encrypt,C=US", "CN=Example Issuing CA 1,O=Example Corp,C=DE",
        "CN=Example Issuing CA 2,O=Example Corp,C=DE", "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US",
    ];

    public CertificateObservation Observation(long n, string ns = SightingLocation.DefaultNamespace)
    {
        var random = new Random((int)(n ^ (n >> 32)) * 31 + 7);
        var der = new byte[900];
        random.NextBytes(der);
        BitConverter.TryWriteBytes(der, n);
        var host = $"svc{n}.prod.example.com";
        var notAfter = now.AddSeconds(random.NextInt64((long)expirySpreadDays * 86400));
        var record = new CertificateRecord
        {
            Der = der,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(der)),
            Sha1 = Convert.ToHexStringLower(SHA1.HashData(der)),
            Version = 3,
            SerialNumber = Convert.ToHexString(der.AsSpan(8, 16)),
            Subject = $"CN={host},OU=Platform,O=Example Corp,C=DE",
            Issuer = Issuers[n % Issuers.Length],
            CommonName = host,
            NotBefore = notAfter.AddDays(-90),
            NotAfter = notAfter,
            SubjectAlternativeNames = [new(SubjectAlternativeNameKind.Dns, host), new(SubjectAlternativeNameKind.Dns, "www." + host)],
            PublicKey = n % 3 == 0 ? new PublicKeyDescription(KeyAlgorithm.Rsa, 2048, null, "1.2.840.113549.1.1.1") : new PublicKeyDescription(KeyAlgorithm.Ec, 256, "P-256", "1.2.840.10045.2.1"),
            SignatureAlgorithm = n % 3 == 0 ? "sha256WithRSAEncryption" : "ecdsa-with-SHA256",
            SignatureAlgorithmOid = n % 3 == 0 ? "1.2.840.113549.1.1.11" : "1.2.840.10045.4.3.2",
        };
        var location = new SightingLocation(SightingKind.File, $"/etc/ssl/certs/{n % 997}/{host}.pem") { Namespace = ns };
        return new CertificateObservation(record, location, 0, now);
    }
}
