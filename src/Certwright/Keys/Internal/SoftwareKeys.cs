using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Certwright.Keys.Internal;

/// <summary>Generates software keys and reads them back from PKCS#8, deciding the key type from the key itself.</summary>
internal static class SoftwareKeys
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private static readonly SecureRandom SharedRandom = new();

    public static ISoftwareSigningKey Generate(string id, KeyType type)
    {
        switch (type)
        {
            case KeyType.Rsa2048 or KeyType.Rsa3072 or KeyType.Rsa4096:
                return new RsaSigningKey(id, type, RSA.Create(RsaBits(type)));
            case KeyType.EcP256:
                return new EcdsaSigningKey(id, type, ECDsa.Create(ECCurve.NamedCurves.nistP256));
            case KeyType.EcP384:
                return new EcdsaSigningKey(id, type, ECDsa.Create(ECCurve.NamedCurves.nistP384));
            case KeyType.Ed25519:
                var ed = new Ed25519KeyPairGenerator();
                ed.Init(new Ed25519KeyGenerationParameters(SharedRandom));
                return FromPair(id, type, ed.GenerateKeyPair());
            case KeyType.MlDsa44 or KeyType.MlDsa65 or KeyType.MlDsa87:
                var ml = new MLDsaKeyPairGenerator();
                ml.Init(new MLDsaKeyGenerationParameters(SharedRandom, MlDsaParameters(type)));
                return FromPair(id, type, ml.GenerateKeyPair());
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "not a known key type");
        }
    }

    /// <summary>Reads an unencrypted PKCS#8 PrivateKeyInfo.</summary>
    /// <exception cref="CertwrightException">Usage: not a key of a supported type; <paramref name="source"/> names the input.</exception>
    public static ISoftwareSigningKey FromPkcs8(string id, ReadOnlySpan<byte> pkcs8, string source)
    {
        var algorithm = ReadAlgorithm(pkcs8, source);
        try
        {
            switch (algorithm.Oid)
            {
                case RsaOid:
                    var rsa = RSA.Create();
                    rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                    return new RsaSigningKey(id, rsa.KeySize switch
                    {
                        2048 => KeyType.Rsa2048,
                        3072 => KeyType.Rsa3072,
                        4096 => KeyType.Rsa4096,
                        var n => throw Unsupported(source, $"RSA {n} bits"),
                    }, rsa);
                case EcPublicKeyOid:
                    var ecdsa = ECDsa.Create();
                    ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                    return new EcdsaSigningKey(id, ecdsa.ExportParameters(false).Curve.Oid.Value switch
                    {
                        "1.2.840.10045.3.1.7" => KeyType.EcP256,
                        "1.3.132.0.34" => KeyType.EcP384,
                        var c => throw Unsupported(source, $"EC curve {c}"),
                    }, ecdsa);
                default:
                    var type = algorithm.Oid switch
                    {
                        var o when o == EdECObjectIdentifiers.id_Ed25519.Id => KeyType.Ed25519,
                        var o when o == NistObjectIdentifiers.id_ml_dsa_44.Id => KeyType.MlDsa44,
                        var o when o == NistObjectIdentifiers.id_ml_dsa_65.Id => KeyType.MlDsa65,
                        var o when o == NistObjectIdentifiers.id_ml_dsa_87.Id => KeyType.MlDsa87,
                        var o => throw Unsupported(source, $"algorithm {o}"),
                    };
                    var privateKey = PrivateKeyFactory.CreateKey(pkcs8.ToArray());
                    AsymmetricKeyParameter publicKey = privateKey switch
                    {
                        Ed25519PrivateKeyParameters e => e.GeneratePublicKey(),
                        MLDsaPrivateKeyParameters m => m.GetPublicKey(),
                        _ => throw Unsupported(source, privateKey.GetType().Name),
                    };
                    return new BcSigningKey(id, type, privateKey, publicKey);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException or IOException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"key {source} is corrupt ({e.Message.TrimEnd('.')}); restore it from a backup", e);
        }
    }

    private static (string Oid, int Length) ReadAlgorithm(ReadOnlySpan<byte> pkcs8, string source)
    {
        try
        {
            var info = System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.Decode(pkcs8.ToArray(), out var read, skipCopy: true);
            return (info.AlgorithmId.Value ?? "", read);
        }
        catch (CryptographicException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"key {source} is not a PKCS#8 private key; restore it from a backup", e);
        }
    }

    private static CertwrightException Unsupported(string source, string what) =>
        new(ErrorKind.Usage, $"key {source} is {what}, which Certwright does not sign with; use one of {KeyTypes.NameList}");

    private static int RsaBits(KeyType type) => type switch
    {
        KeyType.Rsa2048 => 2048,
        KeyType.Rsa3072 => 3072,
        _ => 4096,
    };

    private static MLDsaParameters MlDsaParameters(KeyType type) => type switch
    {
        KeyType.MlDsa44 => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_44,
        KeyType.MlDsa65 => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_65,
        _ => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_87,
    };

    private static BcSigningKey FromPair(string id, KeyType type, AsymmetricCipherKeyPair pair) => new(id, type, pair.Private, pair.Public);
}
