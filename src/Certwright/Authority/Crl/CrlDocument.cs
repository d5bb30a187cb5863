using System.Security.Cryptography;

namespace Certwright.Authority.Crl;

/// <summary>A signed CRL of one CA, with the fields a scheduler and a server need without parsing it again.</summary>
/// <param name="Authority">The CA's name.</param>
/// <param name="Number">The CRL Number extension (RFC 5280 §5.2.3).</param>
/// <param name="ThisUpdate">thisUpdate (whole seconds, as encoded).</param>
/// <param name="NextUpdate">nextUpdate (whole seconds, as encoded).</param>
/// <param name="EntryCount">How many revoked serials it lists.</param>
/// <param name="Der">The DER CertificateList.</param>
public sealed record CrlDocument(string Authority, long Number, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, int EntryCount, byte[] Der)
{
    /// <summary>The PEM form (<c>-----BEGIN X509 CRL-----</c>), newline-terminated, as openssl writes it.</summary>
    public string ToPem() => new string(PemEncoding.Write("X509 CRL", Der)) + "\n";
}
