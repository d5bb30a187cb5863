using Certwright.Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Certwright.Revocation.Internal;

/// <summary>The certificate checked and its issuer, decoded once for BouncyCastle.</summary>
internal sealed class CheckSubject
{
    public CheckSubject(CertificateRecord certificate, CertificateRecord issuer)
    {
        Certificate = certificate;
        IssuerRecord = issuer;
        try
        {
            Issuer = new X509Certificate(issuer.Der.ToArray());
            IssuerKey = Issuer.GetPublicKey();
        }
        catch (Exception e) when (BouncyCastleFailure.Is(e))
        {
            throw new CertwrightException(ErrorKind.Usage, $"the issuer certificate '{issuer.Subject}' cannot be decoded for a revocation check: {e.Message}", e);
        }

        Serial = new BigInteger(certificate.SerialNumber, 16);
    }

    public CertificateRecord Certificate { get; }

    public CertificateRecord IssuerRecord { get; }

    public X509Certificate Issuer { get; }

    public AsymmetricKeyParameter IssuerKey { get; }

    public BigInteger Serial { get; }

    public static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
