namespace Certwright.Certificates;

/// <summary>A certificate read from a container, with where it was in it.</summary>
/// <param name="Certificate">The parsed certificate; its DER is a private copy.</param>
/// <param name="Position">0-based index among the certificates of the container, in file order.</param>
/// <param name="Alias">Keystore alias (JKS/JCEKS alias, PKCS#12 friendlyName, TRUSTED CERTIFICATE alias), or null.</param>
/// <param name="HasPrivateKey">
/// The container holds the private key for this certificate: a PKCS#12 key bag with the same localKeyId,
/// the first certificate of a JKS key entry's chain, or, for PEM, the first certificate of a file that also
/// holds a private key block (key material is never decoded to match it).
/// </param>
public sealed record FoundCertificate(CertificateRecord Certificate, int Position, string? Alias, bool HasPrivateKey);
