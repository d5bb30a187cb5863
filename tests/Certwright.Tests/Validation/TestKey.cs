using System.Formats.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Validation;

public enum KeyKind
{
    EcP256,
    EcP384,
    EcP192,
    Rsa2048,
    Rsa1024,
    RsaPss2048,
    Ed25519,
    MlDsa65,
    Dsa2048,
}

/// <summary>A BouncyCastle key pair with the signature algorithm tests sign with by default.</summary>
public sealed class TestKey
{
    private static readonly SecureRandom SharedRandom = new();
    private static readonly Dictionary<KeyKind, List<TestKey>> KeyPool = [];
    private static readonly Lock KeyPoolLock = new();

    private TestKey(KeyKind kind, AsymmetricCipherKeyPair pair)
    {
        Kind = kind;
        Private = pair.Private;
        Public = pair.Public;
        Spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
    }

    public KeyKind Kind { get; }

    public AsymmetricKeyParameter Private { get; }

    public AsymmetricKeyParameter Public { get; }

    public byte[] Spki { get; }

    /// <summary>The default signature algorithm name for this key ("SHA256WITHECDSA", "Ed25519", ...).</summary>
    public string DefaultAlgorithm => Kind switch
    {
        KeyKind.EcP256 or KeyKind.EcP192 => "SHA256WITHECDSA",
        KeyKind.EcP384 => "SHA384WITHECDSA",
        KeyKind.Rsa2048 or KeyKind.Rsa1024 => "SHA256WITHRSA",
        KeyKind.RsaPss2048 => "SHA256WITHRSAANDMGF1",
        KeyKind.Ed25519 => "Ed25519",
        KeyKind.MlDsa65 => "ML-DSA-65",
        KeyKind.Dsa2048 => "SHA256WITHDSA",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    /// <summary>A fresh key. Slow kinds (RSA, DSA) come from a small pool: certificates differ, keys may repeat across tests.</summary>
    public static TestKey Create(KeyKind kind = KeyKind.EcP256, bool fresh = false)
    {
        var slow = kind is KeyKind.Rsa2048 or KeyKind.Rsa1024 or KeyKind.RsaPss2048 or KeyKind.Dsa2048;
        if (!slow || fresh)
        {
            return new TestKey(kind, Generate(kind));
        }

        lock (KeyPoolLock)
        {
            if (!KeyPool.TryGetValue(kind, out var pool))
            {
                KeyPool[kind] = pool = [];
            }

            if (pool.Count < 6)
            {
                pool.Add(new TestKey(kind, Generate(kind)));
                return pool[^1];
            }

            return pool[SharedRandom.Next(pool.Count)];
        }
    }

    private static AsymmetricCipherKeyPair Generate(KeyKind kind)
    {
        switch (kind)
        {
            case KeyKind.EcP256:
            case KeyKind.EcP384:
            case KeyKind.EcP192:
                var ec = new ECKeyPairGenerator();
                var curve = kind switch
                {
                    KeyKind.EcP256 => X9ObjectIdentifiers.Prime256v1,
                    KeyKind.EcP384 => SecObjectIdentifiers.SecP384r1,
                    _ => X9ObjectIdentifiers.Prime192v1,
                };
                ec.Init(new ECKeyGenerationParameters(curve, SharedRandom));
                return ec.GenerateKeyPair();
            case KeyKind.Rsa2048:
            case KeyKind.Rsa1024:
            case KeyKind.RsaPss2048:
                var rsa = new RsaKeyPairGenerator();
                rsa.Init(new RsaKeyGenerationParameters(Org.BouncyCastle.Math.BigInteger.ValueOf(65537), SharedRandom, kind == KeyKind.Rsa1024 ? 1024 : 2048, 80));
                return rsa.GenerateKeyPair();
            case KeyKind.Ed25519:
                var ed = new Ed25519KeyPairGenerator();
                ed.Init(new Ed25519KeyGenerationParameters(SharedRandom));
                return ed.GenerateKeyPair();
            case KeyKind.MlDsa65:
                var ml = new MLDsaKeyPairGenerator();
                ml.Init(new MLDsaKeyGenerationParameters(SharedRandom, MLDsaParameters.ml_dsa_65));
                return ml.GenerateKeyPair();
            case KeyKind.Dsa2048:
                var parameters = new DsaParametersGenerator(new Org.BouncyCastle.Crypto.Digests.Sha256Digest());
                parameters.Init(new DsaParameterGenerationParameters(2048, 256, 80, SharedRandom));
                var dsa = new DsaKeyPairGenerator();
                dsa.Init(new DsaKeyGenerationParameters(SharedRandom, parameters.GenerateParameters()));
                return dsa.GenerateKeyPair();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>Signs with the named algorithm; returns the AlgorithmIdentifier DER and the signature.</summary>
    public (byte[] AlgorithmIdentifier, byte[] Signature) Sign(byte[] data, string algorithm)
    {
        ISigner signer = algorithm == "ML-DSA-65" ? new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: true) : SignerUtilities.GetSigner(algorithm);
        signer.Init(true, Private);
        signer.BlockUpdate(data, 0, data.Length);
        return (AlgorithmIdentifier(algorithm), signer.GenerateSignature());
    }

    public static byte[] AlgorithmIdentifier(string algorithm)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            switch (algorithm)
            {
                case "SHA256WITHRSA":
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.11");
                    writer.WriteNull();
                    break;
                case "SHA1WITHRSA":
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.5");
                    writer.WriteNull();
                    break;
                case "MD5WITHRSA":
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.4");
                    writer.WriteNull();
                    break;
                case "SHA256WITHECDSA":
                    writer.WriteObjectIdentifier("1.2.840.10045.4.3.2");
                    break;
                case "SHA384WITHECDSA":
                    writer.WriteObjectIdentifier("1.2.840.10045.4.3.3");
                    break;
                case "SHA1WITHECDSA":
                    writer.WriteObjectIdentifier("1.2.840.10045.4.1");
                    break;
                case "SHA256WITHDSA":
                    writer.WriteObjectIdentifier("2.16.840.1.101.3.4.3.2");
                    break;
                case "Ed25519":
                    writer.WriteObjectIdentifier("1.3.101.112");
                    break;
                case "ML-DSA-65":
                    writer.WriteObjectIdentifier("2.16.840.1.101.3.4.3.18");
                    break;
                case "SHA256WITHRSAANDMGF1":
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.10");
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                        {
                            WriteSha256(writer);
                        }

                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                        {
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier("1.2.840.113549.1.1.8");
                                WriteSha256(writer);
                            }
                        }

                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
                        {
                            writer.WriteInteger(32);
                        }
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "no AlgorithmIdentifier for it");
            }
        }

        return writer.Encode();
    }

    private static void WriteSha256(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
            writer.WriteNull();
        }
    }
}
