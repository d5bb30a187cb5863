using System.Formats.Asn1;
using Org.BouncyCastle.X509;

namespace Certwright.Authority;

/// <summary>
/// Everything about the issuing CA a leaf needs, computed once per CA: issuer name, AKI, AIA and CDP extensions,
/// signature algorithm, validity cap and name constraints. Immutable, so issuing threads share it.
/// </summary>
internal sealed class IssuerTemplate
{
    public IssuerTemplate(AuthorityRecord record, byte[] signatureAlgorithm)
    {
        var issuing = new X509CertificateParser().ReadCertificate(record.IssuingCertificate);
        var tbs = issuing.CertificateStructure.TbsCertificate;
        IssuerName = tbs.Subject.GetEncoded(Org.BouncyCastle.Asn1.Asn1Encodable.Der);
        NotAfter = new DateTimeOffset(issuing.NotAfter, TimeSpan.Zero);
        SignatureAlgorithm = signatureAlgorithm;

        // The AKI must equal the CA's SKI (which an imported CA may have computed by another method); compute only when absent.
        var ski = issuing.GetExtensionValue(Org.BouncyCastle.Asn1.X509.X509Extensions.SubjectKeyIdentifier);
        var keyId = ski is not null
            ? AsnDecoder.ReadOctetString(ski.GetOctets(), AsnEncodingRules.DER, out _)
            : CertificateDer.KeyIdentifier(tbs.SubjectPublicKeyInfo.GetEncoded(Org.BouncyCastle.Asn1.Asn1Encodable.Der));
        AuthorityKeyIdentifier = CertificateDer.AuthorityKeyIdentifier(keyId);
        if (record.PublicUrl is { } url)
        {
            AuthorityInfoAccess = CertificateDer.AuthorityInfoAccess(AuthorityUrls.Ocsp(url), AuthorityUrls.CaIssuers(url, record.Name));
            CrlDistributionPoints = CertificateDer.CrlDistributionPoints(AuthorityUrls.CrlDistributionPoint(url, record.Name));
        }

        var constraints = new List<NameConstraintSet>();
        foreach (var der in record.Chain.Prepend(record.IssuingCertificate))
        {
            if (NameConstraintSet.From(new X509CertificateParser().ReadCertificate(der)) is { } set)
            {
                constraints.Add(set);
            }
        }

        NameConstraints = constraints;
    }

    public byte[] IssuerName { get; }

    public DateTimeOffset NotAfter { get; }

    public byte[] SignatureAlgorithm { get; }

    public byte[] AuthorityKeyIdentifier { get; }

    public byte[]? AuthorityInfoAccess { get; }

    public byte[]? CrlDistributionPoints { get; }

    public IReadOnlyList<NameConstraintSet> NameConstraints { get; }
}
