using Certwright.Keys;
using Certwright.Keys.Internal;
using Certwright.Tests.TestSupport;
using Org.BouncyCastle.Security;

namespace Certwright.Tests.Keys;

public class SigningKeySignatureFactoryTests
{
    [Theory]
    [InlineData("rsa-2048", "sha256WithRSAEncryption")]
    [InlineData("rsa-4096", "sha256WithRSAEncryption")]
    [InlineData("ec-p256", "ecdsa-with-SHA256")]
    [InlineData("ec-p384", "ecdsa-with-SHA384")]
    [InlineData("ed25519", "ED25519")]
    public async Task ToSignatureFactory_ClassicSelfSignedCaAndCrl_OpenSslVerifies(string typeName, string opensslAlgorithm)
    {
        using var dir = new TempDirectory();
        using var key = SoftwareKeys.Generate("0123456789abcdef0123456789abcdef", KeyTypes.Parse(typeName));
        var certificate = KeyCertificates.SelfSigned(key);
        var crl = KeyCertificates.Crl(key, certificate);
        var ca = dir.Write("ca.pem", KeyCertificates.Pem("CERTIFICATE", certificate.GetEncoded()));
        var crlFile = dir.Write("ca.crl", KeyCertificates.Pem("X509 CRL", crl.GetEncoded()));

        var verify = await OpenSsl.RunAsync("verify", "-CAfile", ca, ca);
        var text = await OpenSsl.RunAsync("x509", "-in", ca, "-noout", "-text");
        var crlCheck = await OpenSsl.TryRunAsync("crl", "-in", crlFile, "-CAfile", ca, "-noout");

        Assert.Equal($"{ca}: OK\n", verify);
        Assert.Contains($"Signature Algorithm: {opensslAlgorithm}", text, StringComparison.Ordinal);
        Assert.Contains("verify OK", crlCheck.StandardError + crlCheck.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ml-dsa-44", "2.16.840.1.101.3.4.3.17")]
    [InlineData("ml-dsa-65", "2.16.840.1.101.3.4.3.18")]
    [InlineData("ml-dsa-87", "2.16.840.1.101.3.4.3.19")]
    public void ToSignatureFactory_MlDsaSelfSignedCaAndCrl_BouncyCastleVerifies(string typeName, string oid)
    {
        using var key = SoftwareKeys.Generate("0123456789abcdef0123456789abcdef", KeyTypes.Parse(typeName));
        var certificate = KeyCertificates.SelfSigned(key);
        var crl = KeyCertificates.Crl(key, certificate);
        var publicKey = PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo);

        certificate.Verify(publicKey);
        crl.Verify(publicKey);
        Assert.Equal(oid, certificate.SigAlgOid);
        Assert.Null(certificate.CertificateStructure.SignatureAlgorithm.Parameters);
    }

    [Fact]
    public void ToSignatureFactory_VerifiedWithAnotherKey_BouncyCastleRejects()
    {
        using var key = SoftwareKeys.Generate("0123456789abcdef0123456789abcdef", KeyType.MlDsa44);
        using var other = SoftwareKeys.Generate("0123456789abcdef0123456789abcdee", KeyType.MlDsa44);
        var certificate = KeyCertificates.SelfSigned(key);

        Assert.Throws<InvalidKeyException>(
            () => certificate.Verify(PublicKeyFactory.CreateKey(other.SubjectPublicKeyInfo)));
    }

    [Theory]
    [InlineData(KeyType.Rsa2048, "300D06092A864886F70D01010B0500")]
    [InlineData(KeyType.EcP256, "300A06082A8648CE3D040302")]
    [InlineData(KeyType.EcP384, "300A06082A8648CE3D040303")]
    [InlineData(KeyType.Ed25519, "300506032B6570")]
    [InlineData(KeyType.MlDsa65, "300B0609608648016503040312")]
    public void SignatureAlgorithmIdentifier_EachType_ExactDer(KeyType type, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(SignatureAlgorithms.DerFor(type)));
    }
}
