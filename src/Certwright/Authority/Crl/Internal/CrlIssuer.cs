using System.Formats.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509.Extension;

namespace Certwright.Authority.Crl.Internal;

/// <summary>What a CRL takes from its issuing certificate: the subject Name's exact DER bytes and the key identifier.</summary>
internal sealed record CrlIssuer(byte[] Name, byte[] KeyIdentifier)
{
    /// <exception cref="CertwrightException">State: the stored CA certificate is not a readable certificate.</exception>
    public static CrlIssuer FromCertificate(byte[] der, string authority)
    {
        try
        {
            return new CrlIssuer(SubjectBytes(der), KeyIdentifierOf(der));
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException or InvalidOperationException or IOException)
        {
            throw new CertwrightException(ErrorKind.State, $"the stored certificate of CA '{authority}' is not readable ({e.Message.TrimEnd('.')}); re-import the CA", e);
        }
    }

    // Copied byte for byte: relying parties match the CRL issuer against the certificate's subject, and a re-encoding
    // (string types, attribute order) could make a correct CRL look like another issuer's.
    private static byte[] SubjectBytes(byte[] der)
    {
        var certificate = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = certificate.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            tbs.ReadEncodedValue(); // version
        }

        tbs.ReadEncodedValue(); // serialNumber
        tbs.ReadEncodedValue(); // signature
        tbs.ReadEncodedValue(); // issuer
        tbs.ReadEncodedValue(); // validity
        return tbs.ReadEncodedValue().ToArray();
    }

    // The CRL's AKI must equal the CA certificate's SKI; a CA certificate without one (imported) gets the RFC 5280
    // §4.2.1.2 method-1 identifier, the SHA-1 of its public key, which is what most tools computed for it.
    private static byte[] KeyIdentifierOf(byte[] der)
    {
        var certificate = X509CertificateStructure.GetInstance(der);
        var extensions = certificate.TbsCertificate.Extensions;
        var ski = extensions is null ? null : SubjectKeyIdentifier.FromExtensions(extensions);
        return ski?.GetKeyIdentifier() ?? X509ExtensionUtilities.CreateSubjectKeyIdentifier(certificate.SubjectPublicKeyInfo).GetKeyIdentifier();
    }
}
