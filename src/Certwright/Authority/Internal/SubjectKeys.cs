using System.Formats.Asn1;
using System.Security.Cryptography;
using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>Decides the <see cref="KeyType"/> of a SubjectPublicKeyInfo (from a CSR or an imported certificate).</summary>
internal static class SubjectKeys
{
    /// <summary>The key type, or null for an algorithm or size Certwright does not issue for; <paramref name="description"/> names it.</summary>
    public static KeyType? Detect(ReadOnlySpan<byte> spki, out string description)
    {
        string oid;
        string? parameter = null;
        try
        {
            var reader = new AsnReader(spki.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var algorithm = sequence.ReadSequence();
            oid = algorithm.ReadObjectIdentifier();
            if (algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                parameter = algorithm.ReadObjectIdentifier();
            }
        }
        catch (AsnContentException)
        {
            description = "a malformed public key";
            return null;
        }

        description = $"algorithm {oid}";
        switch (oid)
        {
            case "1.2.840.113549.1.1.1":
                using (var rsa = RSA.Create())
                {
                    try
                    {
                        rsa.ImportSubjectPublicKeyInfo(spki, out _);
                    }
                    catch (CryptographicException)
                    {
                        description = "a malformed RSA public key";
                        return null;
                    }

                    description = $"RSA {rsa.KeySize} bits";
                    return rsa.KeySize switch { 2048 => KeyType.Rsa2048, 3072 => KeyType.Rsa3072, 4096 => KeyType.Rsa4096, _ => null };
                }

            case "1.2.840.10045.2.1":
                description = $"EC curve {parameter ?? "(explicit parameters)"}";
                return parameter switch { "1.2.840.10045.3.1.7" => KeyType.EcP256, "1.3.132.0.34" => KeyType.EcP384, _ => null };
            case "1.3.101.112": return KeyType.Ed25519;
            case "2.16.840.1.101.3.4.3.17": return KeyType.MlDsa44;
            case "2.16.840.1.101.3.4.3.18": return KeyType.MlDsa65;
            case "2.16.840.1.101.3.4.3.19": return KeyType.MlDsa87;
            default: return null;
        }
    }
}
