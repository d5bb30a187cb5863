using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Authority.Ocsp;

/// <summary>Requests and response checks done as a relying party would, with BouncyCastle (independent of the responder's encoder).</summary>
internal static class OcspClientSide
{
#pragma warning disable CS0618 // The (digest, issuer, serial) constructor is the one that computes the hashes; its replacement is not in 2.7.
    public static CertificateID Id(X509Certificate issuer, X509Certificate leaf, string digest = "1.3.14.3.2.26") =>
        Id(issuer, leaf.SerialNumber, digest);

    public static CertificateID Id(X509Certificate issuer, Org.BouncyCastle.Math.BigInteger serial, string digest = "1.3.14.3.2.26") =>
        new(digest, issuer, serial);
#pragma warning restore CS0618

    public static byte[] Request(byte[]? nonce, params CertificateID[] ids)
    {
        var generator = new OcspReqGenerator();
        foreach (var id in ids)
        {
            generator.AddRequest(id);
        }

        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, new DerOctetString(nonce));
            generator.SetRequestExtensions(extensions.Generate());
        }

        return generator.Generate().GetEncoded();
    }

    /// <summary>Parses a successful response and verifies its signature with the carried delegated certificate (itself verified against the CA) or the CA key.</summary>
    public static BasicOcspResp Verified(byte[] body, X509Certificate issuer)
    {
        var response = new OcspResp(body);
        Assert.Equal(OcspRespStatus.Successful, response.Status);
        var basic = (BasicOcspResp)response.GetResponseObject();
        var certs = basic.GetCerts();
        if (certs.Length == 0)
        {
            Assert.True(basic.Verify(issuer.GetPublicKey()), "the response does not verify with the CA key");
            return basic;
        }

        var signer = Assert.Single(certs);
        signer.Verify(issuer.GetPublicKey());
        Assert.Contains("1.3.6.1.5.5.7.3.9", signer.GetExtendedKeyUsage().Select(o => o.Id));
        Assert.NotNull(signer.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNocheck));
        Assert.True(basic.Verify(signer.GetPublicKey()), "the response does not verify with the delegated certificate's key");
        return basic;
    }
}
