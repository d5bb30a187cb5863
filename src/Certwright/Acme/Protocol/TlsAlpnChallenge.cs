using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Acme.Protocol;

/// <summary>
/// The tls-alpn-01 challenge (RFC 8737): the ALPN protocol <c>acme-tls/1</c> and the self-signed validation certificate
/// with the domain as its only SAN and the critical acmeIdentifier extension holding SHA-256 of the key authorization.
/// </summary>
public static class TlsAlpnChallenge
{
    public const string AlpnProtocol = "acme-tls/1";

    /// <summary>id-pe-acmeIdentifier (RFC 8737 section 6.1).</summary>
    public const string AcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";

    /// <summary>The validation certificate, with its P-256 private key; valid for a short while around now.</summary>
    public static X509Certificate2 CreateCertificate(string domain, string keyAuthorization, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + domain, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(domain);
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509Extension(AcmeIdentifierOid, EncodeAcmeIdentifier(KeyAuthorization.TlsAlpn01Digest(keyAuthorization)), critical: true));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        // The exported/reloaded form keeps the key usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>The extension value: a DER OCTET STRING of the 32-byte digest.</summary>
    public static byte[] EncodeAcmeIdentifier(ReadOnlySpan<byte> digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(digest);
        return writer.Encode();
    }

    /// <summary>
    /// The digest in a peer's validation certificate, for the server side; null when the extension is missing, not
    /// critical, or not a 32-byte OCTET STRING.
    /// </summary>
    public static byte[]? ReadAcmeIdentifier(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[AcmeIdentifierOid];
        if (extension is not { Critical: true })
        {
            return null;
        }

        try
        {
            var value = AsnDecoder.ReadOctetString(extension.RawData, AsnEncodingRules.DER, out var consumed);
            return consumed == extension.RawData.Length && value.Length == 32 ? value : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
