using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Certwright.Authority;

/// <summary>
/// Verifies a CSR's self-signature through libcrypto for ECDSA (P-256/384/521) and RSA PKCS#1 v1.5, at openssl speed's
/// rate (<see cref="OpenSslSignatureVerifier"/>). Other algorithms, and a signature algorithm that does not fit the key,
/// return null (BouncyCastle decides).
/// </summary>
internal static class CsrSignature
{
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string RsaEncryption = "1.2.840.113549.1.1.1";

    public static bool? TryVerify(ReadOnlySpan<byte> der, ReadOnlySpan<byte> spki)
    {
        AsnDecoder.ReadSequence(der, AsnEncodingRules.DER, out var offset, out var length, out _);
        var contents = der.Slice(offset, length);
        AsnDecoder.ReadEncodedValue(contents, AsnEncodingRules.DER, out _, out _, out var infoLength);
        var info = contents[..infoLength];
        var rest = contents[infoLength..];
        AsnDecoder.ReadSequence(rest, AsnEncodingRules.DER, out var algOffset, out var algLength, out var algConsumed);
        var oid = AsnDecoder.ReadObjectIdentifier(rest.Slice(algOffset, algLength), AsnEncodingRules.DER, out _);
        var signature = AsnDecoder.ReadBitString(rest[algConsumed..], AsnEncodingRules.DER, out _, out _);

        // The signature algorithm must match the key's: EVP would otherwise verify an RSA key under an ECDSA OID.
        var key = PublicKey.Read(spki);
        return (oid, key.Algorithm) switch
        {
            ("1.2.840.10045.4.3.2", EcPublicKey) => VerifyEcdsa(key, SHA256.HashData(info), signature),
            ("1.2.840.10045.4.3.3", EcPublicKey) => VerifyEcdsa(key, SHA384.HashData(info), signature),
            ("1.2.840.10045.4.3.4", EcPublicKey) => VerifyEcdsa(key, SHA512.HashData(info), signature),
            ("1.2.840.113549.1.1.11", RsaEncryption) => OpenSslSignatureVerifier.Verify(spki, info, signature, OpenSslSignatureVerifier.Digest.Sha256),
            ("1.2.840.113549.1.1.12", RsaEncryption) => OpenSslSignatureVerifier.Verify(spki, info, signature, OpenSslSignatureVerifier.Digest.Sha384),
            ("1.2.840.113549.1.1.13", RsaEncryption) => OpenSslSignatureVerifier.Verify(spki, info, signature, OpenSslSignatureVerifier.Digest.Sha512),
            _ => null,
        };
    }

    private static bool? VerifyEcdsa(PublicKey key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        var nid = key.Parameter switch
        {
            "1.2.840.10045.3.1.7" => 415, // NID_X9_62_prime256v1
            "1.3.132.0.34" => 715, // NID_secp384r1
            "1.3.132.0.35" => 716, // NID_secp521r1
            _ => 0,
        };
        return nid == 0 ? null : OpenSslSignatureVerifier.VerifyEcdsa(nid, key.Bits, digest, signature);
    }

    /// <summary>A SubjectPublicKeyInfo read once: algorithm, its OID parameter (the EC curve) if any, and the key bits.</summary>
    private readonly record struct PublicKey(string Algorithm, string? Parameter, byte[] Bits)
    {
        public static PublicKey Read(ReadOnlySpan<byte> spki)
        {
            AsnDecoder.ReadSequence(spki, AsnEncodingRules.DER, out var offset, out var length, out _);
            var contents = spki.Slice(offset, length);
            AsnDecoder.ReadSequence(contents, AsnEncodingRules.DER, out var algOffset, out var algLength, out var algConsumed);
            var algorithm = contents.Slice(algOffset, algLength);
            var oid = AsnDecoder.ReadObjectIdentifier(algorithm, AsnEncodingRules.DER, out var oidConsumed);
            var parameters = algorithm[oidConsumed..];
            var parameter = !parameters.IsEmpty && parameters[0] == 0x06 ? AsnDecoder.ReadObjectIdentifier(parameters, AsnEncodingRules.DER, out _) : null;
            var bits = AsnDecoder.ReadBitString(contents[algConsumed..], AsnEncodingRules.DER, out _, out _);
            return new PublicKey(oid, parameter, bits);
        }
    }
}
