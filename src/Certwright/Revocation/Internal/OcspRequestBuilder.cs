using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;

namespace Certwright.Revocation.Internal;

/// <summary>Builds RFC 6960 requests for one certificate (SHA-1 CertID, which every responder understands).</summary>
internal static class OcspRequestBuilder
{
    public const int NonceLength = 16;

    public static CertificateID CertificateId(CheckSubject subject) =>
        new(CertificateID.DigestSha1, subject.Issuer, subject.Serial);

    /// <summary>The DER request, with a fresh random nonce extension when <paramref name="nonce"/> is set.</summary>
    public static byte[] Build(CertificateID id, byte[]? nonce)
    {
        var generator = new OcspReqGenerator();
        generator.AddRequest(id);
        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, new DerOctetString(nonce));
            generator.SetRequestExtensions(extensions.Generate());
        }

        return generator.Generate().GetEncoded();
    }

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceLength);

    /// <summary>RFC 6960 appendix A.1: the URL-encoded base64 of the DER request appended to the responder URL.</summary>
    public static Uri GetUri(Uri responder, byte[] request)
    {
        var text = responder.AbsoluteUri;
        var separator = text.EndsWith('/') ? "" : "/";
        return new Uri(text + separator + Uri.EscapeDataString(Convert.ToBase64String(request)));
    }

    /// <summary>The cache key of a CertID: hash algorithm, issuer name and key hashes, serial.</summary>
    public static string CacheKey(CertificateID id) =>
        $"{id.HashAlgOid}:{Convert.ToHexString(id.GetIssuerNameHash())}:{Convert.ToHexString(id.GetIssuerKeyHash())}:{id.SerialNumber.ToString(16)}";
}
