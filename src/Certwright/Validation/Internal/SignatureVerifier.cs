using System.Security.Cryptography;
using Certwright.Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Certwright.Validation.Internal;

internal enum SignatureOutcome
{
    Valid,
    Invalid,

    /// <summary>The issuer's key type cannot make this kind of signature.</summary>
    KeyMismatch,

    /// <summary>The algorithm or its parameters are not supported or malformed.</summary>
    Unsupported,
}

/// <summary>
/// Verifies certificate signatures: the platform for RSA (PKCS#1 v1.5 and PSS), ECDSA and DSA;
/// BouncyCastle for Ed25519, Ed448, ML-DSA and PSS salt lengths the platform cannot check.
/// Results are cached per (issuer key, certificate) so a chain seen before costs a dictionary lookup.
/// </summary>
internal sealed class SignatureVerifier
{
    private readonly BoundedCache<string, SignatureOutcome> _cache;

    public SignatureVerifier(int capacity)
    {
        _cache = new BoundedCache<string, SignatureOutcome>(capacity);
    }

    public int CachedCount => _cache.Count;

    public SignatureOutcome Verify(ParsedCertificate subject, ParsedCertificate issuer)
    {
        var key = string.Concat(issuer.SpkiSha256, subject.Sha256);
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        var outcome = VerifyUncached(subject.Tbs.Span, subject.Signature, SignatureAlgorithms.Resolve(subject.SignatureAlgorithm), issuer.Spki);
        _cache.Set(key, outcome);
        return outcome;
    }

    public static SignatureOutcome VerifyUncached(ReadOnlySpan<byte> data, byte[] signature, SignatureAlgorithmInfo algorithm, ReadOnlyMemory<byte> issuerSpki)
    {
        if (algorithm.Problem is not null || algorithm.Scheme == SignatureScheme.Unsupported)
        {
            return SignatureOutcome.Unsupported;
        }

        try
        {
            var (keyAlgorithm, keyBits) = PublicKeyReader.Split(issuerSpki);
            return algorithm.Scheme switch
            {
                SignatureScheme.RsaPkcs1 when keyAlgorithm.Oid == Oids.RsaEncryption => Rsa(data, signature, algorithm, keyBits, RSASignaturePadding.Pkcs1),
                SignatureScheme.RsaPss when keyAlgorithm.Oid is Oids.RsaEncryption or Oids.RsaPss => Pss(data, signature, algorithm, keyBits),
                SignatureScheme.Ecdsa when keyAlgorithm.Oid == Oids.EcPublicKey => Ecdsa(data, signature, algorithm, issuerSpki),
                SignatureScheme.Dsa when keyAlgorithm.Oid == Oids.Dsa => Dsa(data, signature, algorithm, issuerSpki),
                SignatureScheme.Ed25519 when keyAlgorithm.Oid == Oids.Ed25519 => Bc(new Ed25519Signer(), new Ed25519PublicKeyParameters(keyBits.Span), data, signature),
                SignatureScheme.Ed448 when keyAlgorithm.Oid == Oids.Ed448 => Bc(new Ed448Signer([]), new Ed448PublicKeyParameters(keyBits.Span), data, signature),
                SignatureScheme.MlDsa when keyAlgorithm.Oid == algorithm.Name switch
                {
                    "ML-DSA-44" => Oids.MlDsa44,
                    "ML-DSA-65" => Oids.MlDsa65,
                    _ => Oids.MlDsa87,
                } => MlDsa(data, signature, algorithm.Name, keyBits),
                _ => SignatureOutcome.KeyMismatch,
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or System.Formats.Asn1.AsnContentException or InvalidOperationException)
        {
            // A key the platform cannot load, or a signature of the wrong shape: it does not verify.
            return SignatureOutcome.Invalid;
        }
    }

    private static SignatureOutcome Result(bool valid) => valid ? SignatureOutcome.Valid : SignatureOutcome.Invalid;

    private static SignatureOutcome Rsa(ReadOnlySpan<byte> data, byte[] signature, SignatureAlgorithmInfo algorithm, ReadOnlyMemory<byte> keyBits, RSASignaturePadding padding)
    {
        var (modulus, exponent) = RsaKey(keyBits);
        if (signature.Length != modulus.Length)
        {
            return SignatureOutcome.Invalid;
        }

        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
        return Result(rsa.VerifyData(data, signature, algorithm.Hash, padding));
    }

    private static SignatureOutcome Pss(ReadOnlySpan<byte> data, byte[] signature, SignatureAlgorithmInfo algorithm, ReadOnlyMemory<byte> keyBits)
    {
        var hashLength = algorithm.Hash.Name switch
        {
            "SHA1" => 20,
            "SHA256" => 32,
            "SHA384" => 48,
            _ => 64,
        };
        if (algorithm.SaltLength == hashLength)
        {
            return Rsa(data, signature, algorithm, keyBits, RSASignaturePadding.Pss);
        }

        // The platform only verifies salt length = hash length; other lengths are legal (RFC 4055).
        var (modulus, exponent) = RsaKey(keyBits);
        IDigest digest = algorithm.Hash.Name switch
        {
            "SHA1" => new Sha1Digest(),
            "SHA256" => new Sha256Digest(),
            "SHA384" => new Sha384Digest(),
            _ => new Sha512Digest(),
        };
        var signer = new PssSigner(new RsaEngine(), digest, algorithm.SaltLength);
        return Bc(signer, new RsaKeyParameters(false, new BcBigInteger(1, modulus), new BcBigInteger(1, exponent)), data, signature);
    }

    private static SignatureOutcome Ecdsa(ReadOnlySpan<byte> data, byte[] signature, SignatureAlgorithmInfo algorithm, ReadOnlyMemory<byte> spki)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(spki.Span, out _);
        return Result(ecdsa.VerifyData(data, signature, algorithm.Hash, DSASignatureFormat.Rfc3279DerSequence));
    }

    private static SignatureOutcome Dsa(ReadOnlySpan<byte> data, byte[] signature, SignatureAlgorithmInfo algorithm, ReadOnlyMemory<byte> spki)
    {
        using var dsa = System.Security.Cryptography.DSA.Create();
        dsa.ImportSubjectPublicKeyInfo(spki.Span, out _);
        return Result(dsa.VerifyData(data, signature, algorithm.Hash, DSASignatureFormat.Rfc3279DerSequence));
    }

    private static SignatureOutcome MlDsa(ReadOnlySpan<byte> data, byte[] signature, string name, ReadOnlyMemory<byte> keyBits)
    {
        var parameters = name switch
        {
            "ML-DSA-44" => MLDsaParameters.ml_dsa_44,
            "ML-DSA-65" => MLDsaParameters.ml_dsa_65,
            _ => MLDsaParameters.ml_dsa_87,
        };
        return Bc(new MLDsaSigner(parameters, deterministic: false), MLDsaPublicKeyParameters.FromEncoding(parameters, keyBits.ToArray()), data, signature);
    }

    /// <summary>The modulus and exponent of an RSAPublicKey, unsigned big-endian.</summary>
    private static (byte[] Modulus, byte[] Exponent) RsaKey(ReadOnlyMemory<byte> keyBits)
    {
        var (modulus, exponent) = PublicKeyReader.ReadRsa(keyBits);
        if ((modulus.Span[0] & 0x80) != 0 || (exponent.Span[0] & 0x80) != 0)
        {
            throw new CryptographicException("the RSA modulus or exponent is negative");
        }

        return (TrimZero(modulus.Span), TrimZero(exponent.Span));
    }

    private static byte[] TrimZero(ReadOnlySpan<byte> value) =>
        (value.Length > 1 && value[0] == 0 ? value[1..] : value).ToArray();

    private static SignatureOutcome Bc(ISigner signer, ICipherParameters key, ReadOnlySpan<byte> data, byte[] signature)
    {
        signer.Init(false, key);
        signer.BlockUpdate(data);
        return Result(signer.VerifySignature(signature));
    }
}
