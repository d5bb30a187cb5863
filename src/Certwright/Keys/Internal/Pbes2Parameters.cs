using System.Formats.Asn1;
using System.Numerics;

namespace Certwright.Keys.Internal;

/// <summary>
/// The PBES2/PBKDF2 fields of an EncryptedPrivateKeyInfo (RFC 8018), read once for the iteration bound
/// (<see cref="PbeLimits"/>) and the native decryption (<see cref="Pbes2Decryptor"/>).
/// </summary>
internal sealed record Pbes2Parameters(BigInteger Iterations, byte[] Salt, int? KeyLength, string Prf, string Scheme, ReadOnlyMemory<byte> SchemeParameters, byte[] Ciphertext)
{
    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";

    // RFC 8018 appendix A.2: the PRF defaults to HMAC-SHA1 when absent.
    private const string HmacSha1 = "1.2.840.113549.2.7";

    /// <summary>
    /// The fields, or null when the key is not encrypted with PBES2 and PBKDF2. When only what follows the iteration count
    /// is damaged, <see cref="Prf"/> and <see cref="Scheme"/> are empty (nothing matches them; the general path reports it).
    /// </summary>
    /// <exception cref="AsnContentException">The structure is malformed up to the iteration count.</exception>
    public static Pbes2Parameters? Read(byte[] encryptedPrivateKeyInfo)
    {
        var info = new AsnReader(encryptedPrivateKeyInfo, AsnEncodingRules.DER).ReadSequence();
        var algorithm = info.ReadSequence();
        if (algorithm.ReadObjectIdentifier() != Pbes2)
        {
            return null;
        }

        var parameters = algorithm.ReadSequence();
        var kdf = parameters.ReadSequence();
        if (kdf.ReadObjectIdentifier() != Pbkdf2)
        {
            return null;
        }

        var pbkdf2 = kdf.ReadSequence();
        var salt = pbkdf2.ReadOctetString();
        var iterations = pbkdf2.ReadInteger();
        try
        {
            int? keyLength = null;
            if (pbkdf2.HasData && pbkdf2.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                keyLength = pbkdf2.TryReadInt32(out var length) ? length : -1;
            }

            var prf = pbkdf2.HasData ? pbkdf2.ReadSequence().ReadObjectIdentifier() : HmacSha1;
            var scheme = parameters.ReadSequence();
            var schemeOid = scheme.ReadObjectIdentifier();
            var schemeParameters = scheme.HasData ? scheme.ReadEncodedValue() : ReadOnlyMemory<byte>.Empty;
            return new Pbes2Parameters(iterations, salt, keyLength, prf, schemeOid, schemeParameters, info.ReadOctetString());
        }
        catch (AsnContentException)
        {
            // Damage after the iteration count: the bound can still be checked; decryption reports the damage.
            return new Pbes2Parameters(iterations, salt, null, "", "", ReadOnlyMemory<byte>.Empty, []);
        }
    }
}
