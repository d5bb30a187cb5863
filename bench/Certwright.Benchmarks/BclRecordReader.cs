using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Certificates;

namespace Certwright.Benchmarks;

/// <summary>Part of the stand-in adapter: fills a <see cref="CertificateRecord"/> from the platform's X509Certificate2.</summary>
internal static class BclRecordReader
{
    public static CertificateRecord Read(byte[] der)
    {
        using var cert = X509CertificateLoader.LoadCertificate(der);
        var extensions = cert.Extensions;
        var san = extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var eku = extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        var ku = extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        var bc = extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var ski = extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
        var aki = extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault();
        var aia = extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();

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
            NotBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            SubjectAlternativeNames = san is null ? [] : [.. san.EnumerateDnsNames().Select(n => new SubjectAlternativeName(SubjectAlternativeNameKind.Dns, n))],
            PublicKey = DescribeKey(cert),
            SignatureAlgorithm = cert.SignatureAlgorithm.FriendlyName ?? cert.SignatureAlgorithm.Value!,
            SignatureAlgorithmOid = cert.SignatureAlgorithm.Value!,
            KeyUsage = ku is null ? null : (KeyUsageBits)ReverseKeyUsage(ku.KeyUsages),
            ExtendedKeyUsages = eku is null ? [] : [.. eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!)],
            BasicConstraints = bc is null ? null : new BasicConstraintsInfo(bc.CertificateAuthority, bc.HasPathLengthConstraint ? bc.PathLengthConstraint : null, bc.Critical),
            SubjectKeyId = ski?.SubjectKeyIdentifier?.ToLowerInvariant(),
            AuthorityKeyId = aki?.KeyIdentifier is { } id ? Convert.ToHexStringLower(id.Span) : null,
            OcspUrls = aia is null ? [] : [.. aia.EnumerateOcspUris()],
            CaIssuerUrls = aia is null ? [] : [.. aia.EnumerateCAIssuersUris()],
            IsSelfSigned = cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData),
            Extensions = [.. extensions.Cast<X509Extension>().Select(e => new ExtensionInfo(e.Oid!.Value!, e.Critical))],
        };
    }

    private static PublicKeyDescription DescribeKey(X509Certificate2 cert)
    {
        var oid = cert.PublicKey.Oid.Value!;
        using var rsa = cert.GetRSAPublicKey();
        if (rsa is not null)
        {
            return new PublicKeyDescription(KeyAlgorithm.Rsa, rsa.KeySize, null, oid);
        }

        using var ec = cert.GetECDsaPublicKey();
        return ec is not null
            ? new PublicKeyDescription(KeyAlgorithm.Ec, ec.KeySize, ec.KeySize switch { 256 => "P-256", 384 => "P-384", 521 => "P-521", _ => null }, oid)
            : new PublicKeyDescription(KeyAlgorithm.Unknown, 0, null, oid);
    }

    /// <summary>The platform's flags follow the Windows bit layout; the model numbers bits as RFC 5280 does.</summary>
    private static int ReverseKeyUsage(X509KeyUsageFlags flags)
    {
        var bits = 0;
        if (flags.HasFlag(X509KeyUsageFlags.DigitalSignature)) { bits |= 1 << 0; }
        if (flags.HasFlag(X509KeyUsageFlags.NonRepudiation)) { bits |= 1 << 1; }
        if (flags.HasFlag(X509KeyUsageFlags.KeyEncipherment)) { bits |= 1 << 2; }
        if (flags.HasFlag(X509KeyUsageFlags.DataEncipherment)) { bits |= 1 << 3; }
        if (flags.HasFlag(X509KeyUsageFlags.KeyAgreement)) { bits |= 1 << 4; }
        if (flags.HasFlag(X509KeyUsageFlags.KeyCertSign)) { bits |= 1 << 5; }
        if (flags.HasFlag(X509KeyUsageFlags.CrlSign)) { bits |= 1 << 6; }
        if (flags.HasFlag(X509KeyUsageFlags.EncipherOnly)) { bits |= 1 << 7; }
        if (flags.HasFlag(X509KeyUsageFlags.DecipherOnly)) { bits |= 1 << 8; }
        return bits;
    }
}
