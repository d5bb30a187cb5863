using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>
/// What to issue: either a subject (common name and SANs) for which the CA generates a key of <see cref="KeyType"/>,
/// or a CSR (<see cref="Csr"/>, PEM or DER) whose key, subject and requested SANs are used after its signature is verified.
/// </summary>
/// <param name="Profile">The profile the request must fit.</param>
public sealed record IssuanceRequest(CertificateProfile Profile)
{
    /// <summary>The subject CN; when no SANs are given and the CN is a host name, address, URI or email, it becomes the SAN.</summary>
    public string? CommonName { get; init; }

    public IReadOnlyList<SubjectAltName> SubjectAltNames { get; init; } = [];

    /// <summary>The key to generate when there is no CSR. <value>Default: ec-p256.</value></summary>
    public KeyType KeyType { get; init; } = KeyType.EcP256;

    /// <summary>A PKCS#10 request (PEM or DER); excludes <see cref="CommonName"/> and <see cref="SubjectAltNames"/>.</summary>
    public ReadOnlyMemory<byte>? Csr { get; init; }

    /// <summary>Names the CSR in error messages (its file name).</summary>
    public string CsrSource { get; init; } = "request";

    /// <summary>The validity; null takes the profile's default.</summary>
    public TimeSpan? Validity { get; init; }
}

/// <summary>An issued certificate, already recorded in the ledger, and the private key when the CA generated it.</summary>
/// <param name="Certificate">The ledger record (DER, serial, fingerprint...).</param>
/// <param name="PrivateKeyPkcs8">The unencrypted PKCS#8 of a generated key (the caller writes it 0600 and clears it); null for a CSR.</param>
/// <param name="Chain">DER of the CA certificates above the leaf, issuing CA first, root last.</param>
public sealed record IssuanceResult(IssuedCertificate Certificate, byte[]? PrivateKeyPkcs8, IReadOnlyList<byte[]> Chain);
