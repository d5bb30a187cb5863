using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Certwright.Acme.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Acme.Protocol;

public sealed class TlsAlpnChallengeTests
{
    [Fact]
    public void CreateCertificate_Domain_CriticalAcmeIdentifierWithDigestAndOnlySan()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));

        using var certificate = TlsAlpnChallenge.CreateCertificate("www.example.test", "tok.thumb", time);

        var extension = certificate.Extensions[TlsAlpnChallenge.AcmeIdentifierOid];
        Assert.NotNull(extension);
        Assert.True(extension.Critical);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("tok.thumb"));
        Assert.Equal([0x04, 0x20, .. digest], extension.RawData);
        Assert.Equal(digest, TlsAlpnChallenge.ReadAcmeIdentifier(certificate));
        var san = Assert.IsType<X509SubjectAlternativeNameExtension>(certificate.Extensions["2.5.29.17"], exactMatch: false);
        Assert.Equal(["www.example.test"], san.EnumerateDnsNames());
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(time.GetUtcNow().AddDays(-1).UtcDateTime, certificate.NotBefore.ToUniversalTime());
    }

    [Fact]
    public void ReadAcmeIdentifier_NonCriticalExtension_Null()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509Extension(TlsAlpnChallenge.AcmeIdentifierOid, TlsAlpnChallenge.EncodeAcmeIdentifier(new byte[32]), critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));

        Assert.Null(TlsAlpnChallenge.ReadAcmeIdentifier(certificate));
    }
}
