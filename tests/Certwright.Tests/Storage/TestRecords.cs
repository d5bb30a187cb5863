using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Certificates;
using Certwright.Inventory;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Storage;

/// <summary>
/// CertificateRecords for store tests, filled from real TestPki certificates through X509Certificate2 (the store
/// must not depend on the DER parser) or fabricated with chosen fingerprints and dates.
/// </summary>
internal static class TestRecords
{
    public static readonly DateTimeOffset Epoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CertificateRecord From(TestCertificate certificate)
    {
        var cert = certificate.Certificate;
        var der = cert.RawData;
        var basic = cert.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        using var ec = cert.GetECDsaPublicKey();
        using var rsa = cert.GetRSAPublicKey();
        var key = ec is not null
            ? new PublicKeyDescription(KeyAlgorithm.Ec, ec.KeySize, ec.KeySize == 256 ? "P-256" : "P-384", "1.2.840.10045.2.1")
            : new PublicKeyDescription(KeyAlgorithm.Rsa, rsa!.KeySize, null, "1.2.840.113549.1.1.1");
        return new CertificateRecord
        {
            Der = der,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(der)),
            Sha1 = Convert.ToHexStringLower(SHA1.HashData(der)),
            Version = cert.Version,
            SerialNumber = cert.SerialNumber,
            Subject = cert.Subject,
            Issuer = cert.Issuer,
            CommonName = cert.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            NotBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime()),
            NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime()),
            SubjectAlternativeNames = san is null ? [] : [.. san.EnumerateDnsNames().Select(n => new SubjectAlternativeName(SubjectAlternativeNameKind.Dns, n))],
            PublicKey = key,
            SignatureAlgorithm = cert.SignatureAlgorithm.FriendlyName ?? cert.SignatureAlgorithm.Value!,
            SignatureAlgorithmOid = cert.SignatureAlgorithm.Value!,
            BasicConstraints = basic is null ? null : new BasicConstraintsInfo(basic.CertificateAuthority, basic.HasPathLengthConstraint ? basic.PathLengthConstraint : null, basic.Critical),
            IsSelfSigned = cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData),
        };
    }

    /// <summary>A fabricated record; <paramref name="sha256"/> defaults to the hash of a DER made from <paramref name="name"/>.</summary>
    public static CertificateRecord Fake(
        string name,
        DateTimeOffset notAfter,
        string? sha256 = null,
        string? sha1 = null,
        string? serial = null,
        string issuer = "CN=Fake Issuing CA,O=Certwright Tests")
    {
        var der = System.Text.Encoding.UTF8.GetBytes($"fake DER of {name}");
        return new CertificateRecord
        {
            Der = der,
            Sha256 = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(der)),
            Sha1 = sha1 ?? Convert.ToHexStringLower(SHA1.HashData(der)),
            Version = 3,
            SerialNumber = serial ?? Convert.ToHexString(SHA1.HashData(der))[..16],
            Subject = $"CN={name}",
            Issuer = issuer,
            CommonName = name,
            NotBefore = notAfter.AddDays(-90),
            NotAfter = notAfter,
            SubjectAlternativeNames = [new SubjectAlternativeName(SubjectAlternativeNameKind.Dns, name)],
            PublicKey = new PublicKeyDescription(KeyAlgorithm.Ec, 256, "P-256", "1.2.840.10045.2.1"),
            SignatureAlgorithm = "ecdsa-with-SHA256",
            SignatureAlgorithmOid = "1.2.840.10045.4.3.2",
        };
    }

    public static SightingLocation File(string path, string ns = SightingLocation.DefaultNamespace) =>
        new(SightingKind.File, path) { Namespace = ns };

    public static SightingLocation Endpoint(string address, string? sni = null, string ns = SightingLocation.DefaultNamespace) =>
        new(SightingKind.Endpoint, address, sni) { Namespace = ns };

    public static CertificateObservation Seen(CertificateRecord record, SightingLocation location, DateTimeOffset at, int position = 0) =>
        new(record, location, position, at);

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
