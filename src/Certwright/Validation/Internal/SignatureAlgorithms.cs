using System.Formats.Asn1;
using System.Security.Cryptography;
using Certwright.Certificates;

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
            Oids.Md2WithRsa => Rsa(algorithm.Oid, default, AlgorithmStrength.Broken),
            Oids.Md5WithRsa => Rsa(algorithm.Oid, HashAlgorithmName.MD5, AlgorithmStrength.Broken),
            Oids.Sha1WithRsa => Rsa(algorithm.Oid, HashAlgorithmName.SHA1, AlgorithmStrength.Weak),
            Oids.Sha256WithRsa => Rsa(algorithm.Oid, HashAlgorithmName.SHA256),
            Oids.Sha384WithRsa => Rsa(algorithm.Oid, HashAlgorithmName.SHA384),
            Oids.Sha512WithRsa => Rsa(algorithm.Oid, HashAlgorithmName.SHA512),
            Oids.RsaPss => Pss(algorithm.Parameters),
            Oids.EcdsaWithSha1 => new(SignatureScheme.Ecdsa, Name(algorithm), HashAlgorithmName.SHA1, AlgorithmStrength.Weak),
            Oids.EcdsaWithSha256 => new(SignatureScheme.Ecdsa, Name(algorithm), HashAlgorithmName.SHA256, AlgorithmStrength.Acceptable),
            Oids.EcdsaWithSha384 => new(SignatureScheme.Ecdsa, Name(algorithm), HashAlgorithmName.SHA384, AlgorithmStrength.Acceptable),
            Oids.EcdsaWithSha512 => new(SignatureScheme.Ecdsa, Name(algorithm), HashAlgorithmName.SHA512, AlgorithmStrength.Acceptable),
            Oids.DsaWithSha1 => new(SignatureScheme.Dsa, Name(algorithm), HashAlgorithmName.SHA1, AlgorithmStrength.Weak),
            Oids.DsaWithSha256 => new(SignatureScheme.Dsa, Name(algorithm), HashAlgorithmName.SHA256, AlgorithmStrength.Weak),
            Oids.Ed25519 => new(SignatureScheme.Ed25519, "Ed25519", default, AlgorithmStrength.Acceptable),
            Oids.Ed448 => new(SignatureScheme.Ed448, "Ed448", default, AlgorithmStrength.Acceptable),
            Oids.MlDsa44 => new(SignatureScheme.MlDsa, Name(algorithm), default, AlgorithmStrength.Acceptable),
            Oids.MlDsa65 => new(SignatureScheme.MlDsa, Name(algorithm), default, AlgorithmStrength.Acceptable),
            Oids.MlDsa87 => new(SignatureScheme.MlDsa, Name(algorithm), default, AlgorithmStrength.Acceptable),
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

    /// <summary>The algorithm's name in the shared OID table (openssl's short name), as the inventory shows it.</summary>
    private static string Name(AlgorithmIdentifier algorithm) => OidRegistry.Lookup(algorithm.Oid).Display;

    private static SignatureAlgorithmInfo Rsa(string oid, HashAlgorithmName hash, AlgorithmStrength strength = AlgorithmStrength.Acceptable)
    {
        var name = OidRegistry.Lookup(oid).Display;
        return new(SignatureScheme.RsaPkcs1, name, hash, strength, Problem: hash == default ? $"{name} is not supported" : null);
    }

    private static bool IsNull(byte[] encoded) => encoded is [0x05, 0x00];

    private static Asn1Tag Explicit(int number) => new(TagClass.ContextSpecific, number, isConstructed: true);

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
            var outer = new DerReader(parameters, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            outer.EnsureEnd();
            var hashOid = Oids.Sha1;
            var mgfHashOid = Oids.Sha1;
            var salt = 20;
            if (sequence.NextIs(Explicit(0)))
            {
                var wrapper = sequence.ReadExplicit(Explicit(0));
                hashOid = AlgorithmIdentifier.Read(ref wrapper).Oid;
            }

            if (sequence.NextIs(Explicit(1)))
            {
                var wrapper = sequence.ReadExplicit(Explicit(1));
                var mgf = AlgorithmIdentifier.Read(ref wrapper);
                if (mgf.Oid != Oids.Mgf1 || mgf.Parameters is null)
                {
                    return new(SignatureScheme.RsaPss, Name, default, AlgorithmStrength.Acceptable, Problem: $"RSASSA-PSS mask generation {mgf.Oid} is not MGF1");
                }

                mgfHashOid = AlgorithmIdentifier.Decode(mgf.Parameters, AsnEncodingRules.DER).Oid;
            }

            if (sequence.NextIs(Explicit(2)))
            {
                var wrapper = sequence.ReadExplicit(Explicit(2));
                salt = ExtensionDecoder.ReadCount(ref wrapper, "saltLength");
            }

            if (sequence.NextIs(Explicit(3)))
            {
                var wrapper = sequence.ReadExplicit(Explicit(3));
                if (ExtensionDecoder.ReadCount(ref wrapper, "trailerField") != 1)
                {
                    return new(SignatureScheme.RsaPss, Name, default, AlgorithmStrength.Acceptable, Problem: "RSASSA-PSS trailerField is not 1");
                }
            }

            sequence.EnsureEnd();
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
        catch (Exception e) when (e is AsnContentException or OverflowException)
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
