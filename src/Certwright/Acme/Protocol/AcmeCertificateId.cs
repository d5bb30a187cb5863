using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Acme.Protocol;

/// <summary>
/// The ACME Renewal Information certificate identifier (RFC 9773 section 4.1): base64url(AKI keyIdentifier) '.'
/// base64url(serial number DER content octets).
/// </summary>
public static class AcmeCertificateId
{
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    /// <exception cref="CertwrightException">Usage: the certificate has no authority key identifier with a keyIdentifier.</exception>
    public static string FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var aki = certificate.Extensions[AuthorityKeyIdentifierOid]
            ?? throw new CertwrightException(ErrorKind.Usage, $"certificate {certificate.Subject} has no authority key identifier, so it has no ARI certID");
        return Create(ReadKeyIdentifier(aki.RawData, certificate.Subject), certificate.SerialNumberBytes.Span);
    }

    /// <summary>The certID from the keyIdentifier bytes and the serial's DER content octets (big-endian, with a leading 0 if needed).</summary>
    public static string Create(ReadOnlySpan<byte> keyIdentifier, ReadOnlySpan<byte> serialNumber) =>
        Base64Url.EncodeToString(keyIdentifier) + "." + Base64Url.EncodeToString(serialNumber);

    private static byte[] ReadKeyIdentifier(byte[] extensionValue, string subject)
    {
        try
        {
            // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }
            var reader = new AsnReader(extensionValue, AsnEncodingRules.DER).ReadSequence();
            var tag = new Asn1Tag(TagClass.ContextSpecific, 0);
            if (reader.HasData && reader.PeekTag().HasSameClassAndValue(tag))
            {
                return reader.ReadOctetString(tag);
            }
        }
        catch (AsnContentException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"certificate {subject} has a malformed authority key identifier ({e.Message.TrimEnd('.')})", e);
        }

        throw new CertwrightException(ErrorKind.Usage, $"certificate {subject}'s authority key identifier has no keyIdentifier, so it has no ARI certID");
    }
}
