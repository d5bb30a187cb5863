using System.Runtime.InteropServices;

namespace Certwright.Authority;

/// <summary>
/// Verifies an ECDSA or RSA PKCS#1 v1.5 signature with libcrypto's EVP API directly. .NET's
/// <c>ImportSubjectPublicKeyInfo</c> validates an imported EC key with a full order check (a scalar multiplication,
/// as costly as the verify itself) and builds managed wrappers; batch CSR issuance verifies a key once, so that
/// tripled the cost of checking a CSR. <c>d2i_PUBKEY</c> still checks the point is on its curve.
/// </summary>
internal static unsafe partial class OpenSslSignatureVerifier
{
    private const string LibraryName = "libcrypto.so.3";

    public enum Digest
    {
        Sha256,
        Sha384,
        Sha512,
    }

    /// <summary>True or false for a checked signature; null when libcrypto cannot read the key (the caller falls back).</summary>
    public static bool? Verify(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, Digest digest)
    {
        nint key = 0;
        nint context = 0;
        try
        {
            fixed (byte* spki = subjectPublicKeyInfo)
            {
                var cursor = spki;
                key = d2i_PUBKEY(null, &cursor, subjectPublicKeyInfo.Length);
                if (key == 0 || cursor != spki + subjectPublicKeyInfo.Length)
                {
                    return null;
                }
            }

            context = EVP_MD_CTX_new();
            if (context == 0 || EVP_DigestVerifyInit(context, null, MessageDigest(digest), 0, key) != 1)
            {
                return null;
            }

            fixed (byte* tbs = data)
            fixed (byte* sig = signature)
            {
                // 1 valid, 0 invalid, negative: an error such as a malformed signature - invalid either way.
                return EVP_DigestVerify(context, sig, (nuint)signature.Length, tbs, (nuint)data.Length) == 1;
            }
        }
        finally
        {
            if (context != 0)
            {
                EVP_MD_CTX_free(context);
            }

            if (key != 0)
            {
                EVP_PKEY_free(key);
            }

            // Leave nothing on this thread's error queue for the scanner's OpenSSL calls to misread.
            ERR_clear_error();
        }
    }

    /// <summary>
    /// ECDSA through the low-level API: OpenSSL 3.0's <c>d2i_PUBKEY</c> runs its decoder machinery (~100 µs, more than
    /// the P-256 verify itself); <c>o2i_ECPublicKey</c> decodes the point onto a curve's group directly (and checks
    /// it lies on the curve). <paramref name="digest"/> is the message hash, computed by the caller.
    /// </summary>
    public static bool? VerifyEcdsa(int curveNid, ReadOnlySpan<byte> point, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        var key = NewKey(curveNid);
        if (key == 0)
        {
            return null;
        }

        try
        {
            fixed (byte* p = point)
            {
                var cursor = p;
                if (o2i_ECPublicKey(&key, &cursor, point.Length) == 0)
                {
                    return null;
                }
            }

            fixed (byte* d = digest)
            fixed (byte* sig = signature)
            {
                return ECDSA_verify(0, d, digest.Length, sig, signature.Length, key) == 1;
            }
        }
        finally
        {
            EC_KEY_free(key);
            ERR_clear_error();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, nint> Groups = new();

    // Building a curve's group is most of what EC_KEY_new_by_curve_name costs; groups are immutable, made once per curve.
    private static nint NewKey(int curveNid)
    {
        var group = Groups.GetOrAdd(curveNid, static nid => EC_GROUP_new_by_curve_name(nid));
        if (group == 0)
        {
            return 0;
        }

        var key = EC_KEY_new();
        if (key != 0 && EC_KEY_set_group(key, group) != 1)
        {
            EC_KEY_free(key);
            return 0;
        }

        return key;
    }

    private static nint MessageDigest(Digest digest) => digest switch
    {
        Digest.Sha384 => EVP_sha384(),
        Digest.Sha512 => EVP_sha512(),
        _ => EVP_sha256(),
    };

    [LibraryImport(LibraryName)]
    private static partial nint d2i_PUBKEY(nint* key, byte** input, nint length);

    [LibraryImport(LibraryName)]
    private static partial void EVP_PKEY_free(nint key);

    [LibraryImport(LibraryName)]
    private static partial nint EVP_MD_CTX_new();

    [LibraryImport(LibraryName)]
    private static partial void EVP_MD_CTX_free(nint context);

    [LibraryImport(LibraryName)]
    private static partial int EVP_DigestVerifyInit(nint context, nint* keyContext, nint digest, nint engine, nint key);

    [LibraryImport(LibraryName)]
    private static partial int EVP_DigestVerify(nint context, byte* signature, nuint signatureLength, byte* data, nuint dataLength);

    [LibraryImport(LibraryName)]
    private static partial nint EVP_sha256();

    [LibraryImport(LibraryName)]
    private static partial nint EVP_sha384();

    [LibraryImport(LibraryName)]
    private static partial nint EVP_sha512();

    [LibraryImport(LibraryName)]
    private static partial void ERR_clear_error();

    [LibraryImport(LibraryName)]
    private static partial nint EC_GROUP_new_by_curve_name(int nid);

    [LibraryImport(LibraryName)]
    private static partial nint EC_KEY_new();

    [LibraryImport(LibraryName)]
    private static partial int EC_KEY_set_group(nint key, nint group);

    [LibraryImport(LibraryName)]
    private static partial void EC_KEY_free(nint key);

    [LibraryImport(LibraryName)]
    private static partial nint o2i_ECPublicKey(nint* key, byte** input, nint length);

    [LibraryImport(LibraryName)]
    private static partial int ECDSA_verify(int type, byte* digest, int digestLength, byte* signature, int signatureLength, nint key);
}
