using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Public key rules: the CA/B Forum allows RSA of at least 2048 bits (a multiple of 8) and ECDSA on
/// P-256, P-384 and P-521. Ed25519, Ed448 and ML-DSA are accepted too: they are not weak, and private
/// PKIs (including Certwright's own CA) issue them. RFC 5280 alone only rejects RSA under 1024 bits.
/// </summary>
internal static class KeyStrength
{
    private const KeyUsageBits EncryptionUses = KeyUsageBits.KeyEncipherment | KeyUsageBits.DataEncipherment
        | KeyUsageBits.KeyAgreement | KeyUsageBits.EncipherOnly | KeyUsageBits.DecipherOnly;

    /// <summary>
    /// keyUsage against what the key can do: signature-only keys (EdDSA, RFC 8410 5; ML-DSA, RFC 9881 5)
    /// must not claim encryption or key agreement; an EC key must not claim key or data encipherment
    /// (RFC 5480 3), a warning only, as CAs issued such certificates for years.
    /// </summary>
    public static void CheckUsage(ParsedCertificate c, int depth, ErrorSink sink)
    {
        if (c.KeyUsage is not { } usage)
        {
            return;
        }

        switch (c.PublicKey.AlgorithmOid)
        {
            case Oids.Ed25519 or Oids.Ed448 or Oids.MlDsa44 or Oids.MlDsa65 or Oids.MlDsa87 or Oids.Dsa when (usage & EncryptionUses) != 0:
                sink.Error(depth, FindingCodes.InvalidKeyUsage, c, $"its keyUsage ({usage & EncryptionUses}) claims encryption or key agreement for a {c.PublicKey} signature-only key (RFC 8410 5, RFC 9881 5)");
                break;
            case Oids.EcPublicKey when (usage & (KeyUsageBits.KeyEncipherment | KeyUsageBits.DataEncipherment)) != 0:
                sink.Warning(depth, FindingCodes.InvalidKeyUsage, c, $"its keyUsage claims key or data encipherment for an {c.PublicKey} key (RFC 5480 3)");
                break;
        }
    }

    public static void Check(ParsedCertificate c, int depth, ValidationContext context, ErrorSink sink)
    {
        var key = c.PublicKey;
        switch (key.AlgorithmOid)
        {
            case Oids.RsaEncryption:
            case Oids.RsaPss:
                if (key.SizeBits < 1024)
                {
                    sink.Error(depth, FindingCodes.WeakKey, c, $"has a {key}-bit key; under 1024 bits RSA is broken");
                }
                else if (key.SizeBits < 2048)
                {
                    sink.WebPkiError(depth, FindingCodes.WeakKey, c, $"has a {key} key; at least 2048 bits are required (CA/B BR 6.1.5)");
                }
                else if (key.SizeBits % 8 != 0)
                {
                    sink.WebPkiError(depth, FindingCodes.WeakKey, c, $"has a {key} key; the modulus size must be a multiple of 8 (CA/B BR 6.1.5)");
                }

                break;
            case Oids.EcPublicKey:
                if (key.Parameters is not ("P-256" or "P-384" or "P-521"))
                {
                    sink.WebPkiError(depth, FindingCodes.WeakKey, c, $"has an {key} key; only P-256, P-384 and P-521 are allowed (CA/B BR 6.1.5)");
                }

                break;
            case Oids.Dsa:
                sink.WebPkiError(depth, FindingCodes.WeakKey, c, $"has a {key} key; DSA is not allowed (CA/B BR 6.1.5)");
                break;
            case Oids.Ed25519:
            case Oids.Ed448:
            case Oids.MlDsa44:
            case Oids.MlDsa65:
            case Oids.MlDsa87:
                break;
            default:
                sink.WebPkiError(depth, FindingCodes.WeakKey, c, $"has a public key of unknown algorithm {key.AlgorithmOid}");
                break;
        }
    }
}
