using System.Security.Cryptography;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>The CertID hash algorithms the responder matches (RFC 6960 requires SHA-1; RFC 5019 clients send it; SHA-256 is common).</summary>
internal enum CertIdHash
{
    Sha1,
    Sha256,
}

internal static class CertIdHashes
{
    public static string Oid(CertIdHash hash) => hash == CertIdHash.Sha1 ? OcspOids.Sha1 : OcspOids.Sha256;

    public static byte[] Hash(CertIdHash hash, ReadOnlySpan<byte> data) => hash == CertIdHash.Sha1 ? SHA1.HashData(data) : SHA256.HashData(data);

    public static CertIdHash? FromOid(string oid) => oid switch
    {
        OcspOids.Sha1 => CertIdHash.Sha1,
        OcspOids.Sha256 => CertIdHash.Sha256,
        _ => null,
    };
}
