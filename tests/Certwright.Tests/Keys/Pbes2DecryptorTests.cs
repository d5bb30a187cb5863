using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Certwright.Keys.Internal;

namespace Certwright.Tests.Keys;

public sealed class Pbes2DecryptorTests
{
    private const string Passphrase = "pässphrase 1234";

    [Fact]
    public void TryDecrypt_CertwrightForm_EqualsDotNetsDecryption()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = key.ExportEncryptedPkcs8PrivateKey(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var decrypted = Pbes2Decryptor.TryDecrypt(Passphrase, encrypted);

        Assert.Equal(Pkcs8PrivateKeyInfo.DecryptAndDecode(Passphrase, encrypted, out _).Encode(), decrypted);
    }

    [Fact]
    public void TryDecrypt_WrongPassphrase_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = key.ExportEncryptedPkcs8PrivateKey(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        Assert.ThrowsAny<CryptographicException>(() => Pbes2Decryptor.TryDecrypt("another passphrase", encrypted));
    }

    [Theory]
    [InlineData(PbeEncryptionAlgorithm.Aes128Cbc, "SHA256")]
    [InlineData(PbeEncryptionAlgorithm.Aes256Cbc, "SHA384")]
    [InlineData(PbeEncryptionAlgorithm.TripleDes3KeyPkcs12, "SHA1")]
    public void TryDecrypt_OtherForms_ReturnsNullForTheGeneralPath(PbeEncryptionAlgorithm algorithm, string hash)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = key.ExportEncryptedPkcs8PrivateKey(Passphrase, new PbeParameters(algorithm, new HashAlgorithmName(hash), 1000));

        Assert.Null(Pbes2Decryptor.TryDecrypt(Passphrase, encrypted));
    }
}
