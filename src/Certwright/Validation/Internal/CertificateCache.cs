using System.Security.Cryptography;
using Certwright.Certificates;

namespace Certwright.Validation.Internal;

/// <summary>Parsed certificates by SHA-256 of their DER, so a chain seen before is not decoded again.</summary>
internal sealed class CertificateCache
{
    private readonly BoundedCache<string, ParsedCertificate> _cache;

    public CertificateCache(int capacity)
    {
        _cache = new BoundedCache<string, ParsedCertificate>(capacity);
    }

    /// <exception cref="CertificateFormatException">The bytes are not a certificate.</exception>
    public ParsedCertificate Get(ReadOnlyMemory<byte> der)
    {
        if (der.Length > ParsedCertificateFactory.MaxCertificateSize)
        {
            throw new CertificateFormatException($"the certificate is {der.Length} bytes; at most {ParsedCertificateFactory.MaxCertificateSize} are accepted");
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(der.Span));
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        var parsed = ParsedCertificateFactory.Create(der.ToArray(), key);
        _cache.Set(key, parsed);
        return parsed;
    }
}
