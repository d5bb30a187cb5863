using Certwright.Keys.Internal;
using Org.BouncyCastle.Crypto;

namespace Certwright.Keys;

public static class SigningKeyExtensions
{
    /// <summary>
    /// A BouncyCastle <see cref="ISignatureFactory"/> that signs with <paramref name="key"/>, for
    /// X509V3CertificateGenerator, X509V2CrlGenerator, BasicOcspRespGenerator and Pkcs10CertificationRequest.
    /// </summary>
    public static ISignatureFactory ToSignatureFactory(this ISigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new SigningKeySignatureFactory(key);
    }
}
