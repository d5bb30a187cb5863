using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Certwright.Validation.Internal;

internal enum SignatureScheme
{
    Unsupported,
    RsaPkcs1,
    RsaPss,
    Ecdsa,
    Dsa,
    Ed25519,
    Ed448,
    MlDsa,
}

/// <summary>How much a signature algorithm can be trusted.</summary>
internal enum AlgorithmStrength
{
    Acceptable,

    /// <summary>SHA-1 and DSA: rejected by the Web PKI profile, a warning under plain RFC 5280.</summary>
    Weak,

    /// <summary>MD2, MD5: collisions are practical; rejected everywhere.</summary>
    Broken,
}

/// <summary>A decoded signature algorithm: the scheme, its hash and, for RSASSA-PSS, the salt length.</summary>
internal sealed record SignatureAlgorithmInfo(
    SignatureScheme Scheme,
    string Name,
    HashAlgorithmName Hash,
    AlgorithmStrength Strength,
    int SaltLength = 0,
    string? Problem = null);

/// <summary>Maps AlgorithmIdentifiers to <see cref="SignatureAlgorithmInfo"/>, checking their parameters.</summary>
internal static class SignatureAlgorithms
{
    public static SignatureAlgorithmInfo Resolve(AlgorithmIdentifier algorithm)
    {
        var info = algorithm.Oid switch
        {
            "1.2.840.113549.1.1.2" => Rsa("md2WithRSAEncryption", default, AlgorithmStrength.Broken),
            "1.2.840.113549.1.1.4" => Rsa("md5WithRSAEncryption", HashAlgorithmName.MD5, AlgorithmStrength.Broken),
            "1.2.840.113549.1.1.5" => Rsa("sha1WithRSAEncryption", HashAlgorithmName.SHA1, AlgorithmStrength.Weak),
            "1.2.840.113549.1.1.11" => Rsa("sha256WithRSAEncryption", HashAlgorithmName.SHA256),
            "1.2.840.113549.1.1.12" => Rsa("sha384WithRSAEncryption", HashAlgorithmName.SHA384),
            "1.2.840.113549.1.1.13" => Rsa("sha512WithRSAEncryption", HashAlgorithmName.SHA512),
            Oids.RsaPss => Pss(algorithm.Parameters),
            "1.2.840.10045.4.1" => new(SignatureScheme.Ecdsa, "ecdsa-with-SHA1", HashAlgorithmName.SHA1, AlgorithmStrength.Weak),
            "1.2.840.10045.4.3.2" => new(SignatureScheme.Ecdsa, "ecdsa-with-SHA256", HashAlgorithmName.SHA256, AlgorithmStrength.Acceptable),
            "1.2.840.10045.4.3.3" => new(SignatureScheme.Ecdsa, "ecdsa-with-SHA384", HashAlgorithmName.SHA384, AlgorithmStrength.Acceptable),
            "1.2.840.10045.4.3.4" => new(SignatureScheme.Ecdsa, "ecdsa-with-SHA512", HashAlgorithmName.SHA512, AlgorithmStrength.Acceptable),
            "1.2.840.10040.4.3" => new(SignatureScheme.Dsa, "dsa-with-SHA1", HashAlgorithmName.SHA1, AlgorithmStrength.Weak),
            "2.16.840.1.101.3.4.3.2" => new(SignatureScheme.Dsa, "dsa-with-SHA256", HashAlgorithmName.SHA256, AlgorithmStrength.Weak),
            Oids.Ed25519 => new(SignatureScheme.Ed25519, "Ed25519", default, AlgorithmStrength.Acceptable),
            Oids.Ed448 => new(SignatureScheme.Ed448, "Ed448", default, AlgorithmStrength.Acceptable),
            Oids.MlDsa44 => new(SignatureScheme.MlDsa, "ML-DSA-44", default, AlgorithmStrength.Acceptable),
            Oids.MlDsa65 => new(SignatureScheme.MlDsa, "ML-DSA-65", default, AlgorithmStrength.Acceptable),
            Oids.MlDsa87 => new(SignatureScheme.MlDsa, "ML-DSA-87", default, AlgorithmStrength.Acceptable),
            _ => new SignatureAlgorithmInfo(SignatureScheme.Unsupported, algorithm.Oid, default, AlgorithmStrength.Acceptable, Problem: $"signature algorithm {algorithm.Oid} is not supported"),
        };

        if (info.Problem is null && info.Scheme is SignatureScheme.RsaPkcs1 && algorithm.Parameters is { } p && !IsNull(p))
        {
            return info with { Problem = $"{info.Name} parameters must be NULL" };
        }

        if (info.Problem is null && info.Scheme is SignatureScheme.Ecdsa or SignatureScheme.Dsa or SignatureScheme.Ed25519 or SignatureScheme.Ed448 or SignatureScheme.MlDsa
            && algorithm.Parameters is not null)
        {
            return info with { Problem = $"{info.Name} must not carry parameters" };
        }

        return info;
    }

    private static SignatureAlgorithmInfo Rsa(string name, HashAlgorithmName hash, AlgorithmStrength strength = AlgorithmStrength.Acceptable) =>
        new(SignatureScheme.RsaPkcs1, name, hash, strength, Problem: hash == default ? $"{name} is not supported" : null);

    private static bool IsNull(byte[] encoded) => encoded is [0x05, 0x00];

    /// <summary>RSASSA-PSS-params (RFC 4055): hash, MGF1 with the same hash, salt length, trailer 1.</summary>
    private static SignatureAlgorithmInfo Pss(byte[]? parameters)
    {
        const string Name = "RSASSA-PSS";
        if (parameters is null)
        {
            return new(SignatureScheme.RsaPss, Name, default, AlgorithmStrength.Acceptable, Problem: "RSASSA-PSS without parameters");
        }

        try
        {
            var sequence = new AsnReader(parameters, AsnEncodingRules.DER).ReadSequence();
            var hashOid = Oids.Sha1;
            var mgfHashOid = Oids.Sha1;
            var salt = 20;
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                var wrapper = sequence.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                hashOid = CertificateParser.ReadAlgorithm(wrapper).Oid;
            }

            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
            {
                var wrapper = sequence.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true));
                var mgf = CertificateParser.ReadAlgorithm(wrapper);
                if (mgf.Oid != Oids.Mgf1 || mgf.Parameters is null)
                {
                    return new(SignatureScheme.RsaPss, Name, default, AlgorithmStrength.Acceptable, Problem: $"RSASSA-PSS mask generation {mgf.Oid} is not MGF1");
                }

                mgfHashOid = CertificateParser.ReadAlgorithm(new AsnReader(mgf.Parameters, AsnEncodingRules.DER)).Oid;
            }

            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
            {
                var wrapper = sequence.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true));
                salt = (int)wrapper.ReadInteger();
            }

            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 3, true)))
            {
                var wrapper = sequence.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true));
                if (wrapper.ReadInteger() != 1)
                {
                    return new(SignatureScheme.RsaPss, Name, default, AlgorithmStrength.Acceptable, Problem: "RSASSA-PSS trailerField is not 1");
                }
            }

            sequence.ThrowIfNotEmpty();
            var hash = HashFor(hashOid);
            if (hash == default)
            {
                return new(SignatureScheme.RsaPss, Name, default, AlgorithmStrength.Acceptable, Problem: $"RSASSA-PSS hash {hashOid} is not supported");
            }

            if (hashOid != mgfHashOid)
            {
                return new(SignatureScheme.RsaPss, Name, hash, AlgorithmStrength.Acceptable, Problem: "RSASSA-PSS uses different hashes for the message and MGF1");
            }

            if (salt < 0 || salt > 1024)
            {
                return new(SignatureScheme.RsaPss, Name, hash, AlgorithmStrength.Acceptable, Problem: $"RSASSA-PSS salt length {salt} is out of range");
            }

            var strength = hash == HashAlgorithmName.SHA1 ? AlgorithmStrength.Weak : AlgorithmStrength.Acceptable;
            return new(SignatureScheme.RsaPss, $"RSASSA-PSS ({hash.Name}, salt {salt})", hash, strength, salt);
        }
        catch (Exception e) when (e is AsnContentException or CertificateFormatException or OverflowException)
        {
            return new(SignatureScheme.RsaPss, Name, default, AlgorithmStrength.Acceptable, Problem: $"RSASSA-PSS parameters are malformed ({e.Message})");
        }
    }

    private static HashAlgorithmName HashFor(string oid) => oid switch
    {
        Oids.Sha1 => HashAlgorithmName.SHA1,
        Oids.Sha256 => HashAlgorithmName.SHA256,
        Oids.Sha384 => HashAlgorithmName.SHA384,
        Oids.Sha512 => HashAlgorithmName.SHA512,
        _ => default,
    };
}
