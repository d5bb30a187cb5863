namespace Certwright.Validation;

/// <summary>One certificate of a built path, leaf first.</summary>
/// <param name="Der">The certificate's DER.</param>
/// <param name="Sha256">SHA-256 fingerprint, lowercase hex.</param>
/// <param name="Subject">Subject DN (RFC 4514 order).</param>
/// <param name="Issuer">Issuer DN.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="Source">Where the certificate came from.</param>
public sealed record ChainElement(
    ReadOnlyMemory<byte> Der,
    string Sha256,
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    CertificateSource Source)
{
    public bool IsTrustAnchor => Source == CertificateSource.TrustStore;
}
