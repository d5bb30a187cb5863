using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Keys;

namespace Certwright.Acme.Client;

/// <summary>A fresh certificate key and the CSR that finalizes an order: CN = the first name, SAN = all names.</summary>
internal static class AcmeCsr
{
    /// <exception cref="CertwrightException">Usage: a key type ACME CAs do not issue for here (Ed25519, ML-DSA).</exception>
    public static (byte[] Csr, byte[] PrivateKeyPkcs8) Create(IReadOnlyList<string> domains, KeyType keyType)
    {
        ArgumentOutOfRangeException.ThrowIfZero(domains.Count);
        using AsymmetricAlgorithm key = keyType switch
        {
            KeyType.EcP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            KeyType.EcP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            KeyType.Rsa2048 => RSA.Create(2048),
            KeyType.Rsa3072 => RSA.Create(3072),
            KeyType.Rsa4096 => RSA.Create(4096),
            _ => throw new CertwrightException(ErrorKind.Usage, $"ACME certificates can use ec-p256, ec-p384 or rsa-2048/3072/4096 keys, not {KeyTypes.Format(keyType)}"),
        };
        var subject = new X500DistinguishedNameBuilder();
        if (domains[0].Length <= 64)
        {
            // A longer name cannot be a CN (ub-common-name); the SAN carries it anyway.
            subject.AddCommonName(domains[0]);
        }

        var request = key switch
        {
            ECDsa ec => new CertificateRequest(subject.Build(), ec, keyType == KeyType.EcP384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException("unreachable"),
        };
        var san = new SubjectAlternativeNameBuilder();
        foreach (var domain in domains)
        {
            if (System.Net.IPAddress.TryParse(domain, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(domain);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        return (request.CreateSigningRequest(), key.ExportPkcs8PrivateKey());
    }
}
