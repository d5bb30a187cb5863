using Certwright.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Certwright.Authority;

/// <summary>Root and intermediate certificates, with BouncyCastle's generator signing through <see cref="ISigningKey"/>.</summary>
internal static class CaCertificates
{
    public static X509Certificate Root(ISigningKey key, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var name = new X509Name($"CN={subject}");
        var generator = Start(key, name, name, notBefore, notAfter);
        generator.AddExtension(X509Extensions.BasicConstraints, critical: true, new BasicConstraints(1));
        generator.AddExtension(X509Extensions.KeyUsage, critical: true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, critical: false, new SubjectKeyIdentifier(CertificateDer.KeyIdentifier(key.SubjectPublicKeyInfo)));
        return generator.Generate(key.ToSignatureFactory());
    }

    public static X509Certificate Intermediate(
        ISigningKey key, X509Certificate root, ISigningKey rootKey, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, AuthorityOptions options)
    {
        var generator = Start(key, root.SubjectDN, new X509Name($"CN={subject}"), notBefore, notAfter);
        generator.AddExtension(X509Extensions.BasicConstraints, critical: true, new BasicConstraints(0));
        generator.AddExtension(
            X509Extensions.KeyUsage, critical: true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign | KeyUsage.DigitalSignature));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, critical: false, new SubjectKeyIdentifier(CertificateDer.KeyIdentifier(key.SubjectPublicKeyInfo)));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, critical: false, new AuthorityKeyIdentifier(CertificateDer.KeyIdentifier(rootKey.SubjectPublicKeyInfo)));
        if (NameConstraintsOf(options) is { } constraints)
        {
            // RFC 5280 §4.2.1.10: conforming CAs MUST mark name constraints critical.
            generator.AddExtension(X509Extensions.NameConstraints, critical: true, constraints);
        }

        return generator.Generate(rootKey.ToSignatureFactory());
    }

    private static X509V3CertificateGenerator Start(ISigningKey key, X509Name issuer, X509Name subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(1, SerialGenerator.Next()));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetSubjectPublicKeyInfo(SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo));
        return generator;
    }

    private static NameConstraints? NameConstraintsOf(AuthorityOptions options)
    {
        var permitted = options.PermittedDns.Select(d => new GeneralSubtree(new GeneralName(GeneralName.DnsName, d.ToLowerInvariant())))
            .Concat(options.PermittedIp.Select(n => new GeneralSubtree(new GeneralName(GeneralName.IPAddress, new DerOctetString(AddressAndMask(n))))))
            .ToList();
        var excluded = options.ExcludedDns.Select(d => new GeneralSubtree(new GeneralName(GeneralName.DnsName, d.ToLowerInvariant()))).ToList();
        if (permitted.Count == 0 && excluded.Count == 0)
        {
            return null;
        }

        return new NameConstraints(Subtrees(permitted), Subtrees(excluded));
    }

    private static GeneralSubtrees? Subtrees(List<GeneralSubtree> subtrees) =>
        subtrees.Count == 0 ? null : GeneralSubtrees.GetInstance(new DerSequence(subtrees.ToArray<Asn1Encodable>()));

    /// <summary>RFC 5280 §4.2.1.10: the iPAddress of a constraint is the address followed by the mask.</summary>
    private static byte[] AddressAndMask(System.Net.IPNetwork network)
    {
        var address = network.BaseAddress.GetAddressBytes();
        var result = new byte[address.Length * 2];
        address.CopyTo(result, 0);
        for (var bit = 0; bit < network.PrefixLength; bit++)
        {
            result[address.Length + bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return result;
    }
}
