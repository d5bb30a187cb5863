using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Tests.TestSupport;

public enum TestKeyType
{
    EcP256,
    EcP384,
    Rsa2048,
    Rsa1024,
}

/// <summary>A certificate generated for a test, with its private key.</summary>
public sealed class TestCertificate : IDisposable
{
    public TestCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public byte[] Der => Certificate.RawData;

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    public string PrivateKeyPem
    {
        get
        {
            AsymmetricAlgorithm key = (AsymmetricAlgorithm?)Certificate.GetECDsaPrivateKey()
                ?? Certificate.GetRSAPrivateKey()
                ?? throw new InvalidOperationException("certificate has no private key");
            using (key)
            {
                return key.ExportPkcs8PrivateKeyPem() + "\n";
            }
        }
    }

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Der));

    public void Dispose() => Certificate.Dispose();
}

/// <summary>
/// Builds real certificate hierarchies for tests with the platform's CertificateRequest: roots,
/// intermediates and leaves with any validity window, names and extensions a test needs.
/// </summary>
public static class TestPki
{
    public static TestCertificate CreateRoot(
        string commonName = "Certwright Test Root",
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        TestKeyType keyType = TestKeyType.EcP256,
        int? pathLength = null)
    {
        var (request, key) = NewRequest($"CN={commonName}", keyType);
        using (key)
        {
            AddCaExtensions(request, pathLength);
            var cert = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(10));
            return new TestCertificate(cert);
        }
    }

    public static TestCertificate CreateIntermediate(
        TestCertificate issuer,
        string commonName = "Certwright Test Intermediate",
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        TestKeyType keyType = TestKeyType.EcP256,
        int? pathLength = 0,
        IEnumerable<string>? crlUrls = null)
    {
        var (request, key) = NewRequest($"CN={commonName}", keyType);
        using (key)
        {
            AddCaExtensions(request, pathLength);
            if (crlUrls is not null)
            {
                request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(crlUrls));
            }

            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
            using var cert = request.Create(issuer.Certificate, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(5), NewSerial());
            return new TestCertificate(AttachKey(cert, key));
        }
    }

    public static TestCertificate CreateLeaf(
        TestCertificate issuer,
        string commonName = "localhost",
        IEnumerable<string>? dnsNames = null,
        IEnumerable<IPAddress>? ipAddresses = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        TestKeyType keyType = TestKeyType.EcP256,
        bool serverAuth = true,
        bool clientAuth = false,
        HashAlgorithmName? hash = null)
    {
        var (request, key) = NewRequest($"CN={commonName}", keyType, hash);
        using (key)
        {
            AddLeafExtensions(request, dnsNames ?? [commonName], ipAddresses, serverAuth, clientAuth);
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
            using var cert = request.Create(issuer.Certificate, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(90), NewSerial());
            return new TestCertificate(AttachKey(cert, key));
        }
    }

    /// <summary>A self-signed end-entity certificate, as a service might make for itself.</summary>
    public static TestCertificate CreateSelfSignedLeaf(
        string commonName = "localhost",
        IEnumerable<string>? dnsNames = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        TestKeyType keyType = TestKeyType.EcP256)
    {
        var (request, key) = NewRequest($"CN={commonName}", keyType);
        using (key)
        {
            AddLeafExtensions(request, dnsNames ?? [commonName], null, serverAuth: true, clientAuth: false);
            var cert = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(90));
            return new TestCertificate(cert);
        }
    }

    /// <summary>A PEM bundle of the certificates in order.</summary>
    public static string Bundle(params TestCertificate[] certificates) => string.Concat(certificates.Select(c => c.CertificatePem));

    private static (CertificateRequest Request, AsymmetricAlgorithm Key) NewRequest(string subject, TestKeyType keyType, HashAlgorithmName? hash = null)
    {
        switch (keyType)
        {
            case TestKeyType.EcP256:
            case TestKeyType.EcP384:
                var ec = ECDsa.Create(keyType == TestKeyType.EcP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
                return (new CertificateRequest(subject, ec, hash ?? HashAlgorithmName.SHA256), ec);
            default:
                var rsa = RSA.Create(keyType == TestKeyType.Rsa1024 ? 1024 : 2048);
                return (new CertificateRequest(subject, rsa, hash ?? HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), rsa);
        }
    }

    private static void AddCaExtensions(CertificateRequest request, int? pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }

    private static void AddLeafExtensions(CertificateRequest request, IEnumerable<string> dnsNames, IEnumerable<IPAddress>? ipAddresses, bool serverAuth, bool clientAuth)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var ekus = new OidCollection();
        if (serverAuth)
        {
            ekus.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        }

        if (clientAuth)
        {
            ekus.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        }

        if (ekus.Count > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, false));
        }

        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        foreach (var ip in ipAddresses ?? [])
        {
            san.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }

    private static X509Certificate2 AttachKey(X509Certificate2 cert, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => cert.CopyWithPrivateKey(ec),
        RSA rsa => cert.CopyWithPrivateKey(rsa),
        _ => throw new NotSupportedException(key.GetType().Name),
    };

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}
