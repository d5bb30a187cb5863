using System.Security.Cryptography;
using Certwright.Keys;

namespace Certwright.Acme.Protocol;

/// <summary>
/// A key that signs ACME requests (an account key, or a certificate key for revocation): EC P-256 (ES256), EC P-384
/// (ES384) or RSA (RS256). Owns the platform key; dispose it.
/// </summary>
public sealed class AcmeAccountKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private AcmeAccountKey(AsymmetricAlgorithm key)
    {
        _key = key;
        Jwk = AcmeJwk.FromKey(key);
        Algorithm = JwsAlgorithms.ForJwk(Jwk);
    }

    /// <summary>The public key as a JWK.</summary>
    public AcmeJwk Jwk { get; }

    /// <summary>ES256, ES384 or RS256.</summary>
    public string Algorithm { get; }

    /// <exception cref="CertwrightException">Usage: the key type cannot sign ACME requests.</exception>
    public static AcmeAccountKey Generate(KeyType type) => type switch
    {
        KeyType.EcP256 => new AcmeAccountKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        KeyType.EcP384 => new AcmeAccountKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        KeyType.Rsa2048 => new AcmeAccountKey(RSA.Create(2048)),
        KeyType.Rsa3072 => new AcmeAccountKey(RSA.Create(3072)),
        KeyType.Rsa4096 => new AcmeAccountKey(RSA.Create(4096)),
        _ => throw new CertwrightException(ErrorKind.Usage, $"an ACME key must be ec-p256, ec-p384 or rsa-2048/3072/4096, not {KeyTypes.Format(type)}"),
    };

    /// <summary>Takes ownership of an EC or RSA key.</summary>
    public static AcmeAccountKey FromKey(AsymmetricAlgorithm key) => new(key);

    /// <summary>Reads an unencrypted PKCS#8 key (EC or RSA).</summary>
    /// <exception cref="CertwrightException">Usage: not a PKCS#8 EC or RSA key.</exception>
    public static AcmeAccountKey ImportPkcs8(ReadOnlySpan<byte> pkcs8, string source)
    {
        var info = System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.Decode(pkcs8.ToArray(), out _, skipCopy: true);
        AsymmetricAlgorithm key = info.AlgorithmId.Value switch
        {
            "1.2.840.10045.2.1" => ECDsa.Create(),
            "1.2.840.113549.1.1.1" => RSA.Create(),
            var other => throw new CertwrightException(ErrorKind.Usage, $"{source}: the ACME key must be EC or RSA, not algorithm {other}"),
        };
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return new AcmeAccountKey(key);
        }
        catch (Exception e) when (e is CryptographicException or CertwrightException)
        {
            key.Dispose();
            throw new CertwrightException(ErrorKind.Usage, $"{source}: not a usable ACME key ({e.Message.TrimEnd('.')}); remove it to create a new account", e);
        }
    }

    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>Signs with the JWS algorithm (ECDSA signatures as r||s, RFC 7518 section 3.4).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key switch
    {
        ECDsa ec => ec.SignData(data, JwsAlgorithms.Hash(Algorithm), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        RSA rsa => rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("unreachable: the constructor accepts EC and RSA keys only"),
    };

    public void Dispose() => _key.Dispose();
}
