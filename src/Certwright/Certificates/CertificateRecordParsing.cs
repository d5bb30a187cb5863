namespace Certwright.Certificates;

public sealed partial record CertificateRecord
{
    /// <summary>
    /// Reads one DER-encoded certificate. Fast (no OpenSSL, no signature check); see
    /// <see cref="CertificateContainerReader"/> for PEM, PKCS#7, PKCS#12 and Java keystores.
    /// The record keeps <paramref name="der"/> as <see cref="Der"/>: do not change or reuse that memory.
    /// </summary>
    /// <exception cref="CertificateFormatException">The bytes are not one well-formed certificate.</exception>
    public static CertificateRecord FromDer(ReadOnlyMemory<byte> der) => CertificateParser.Parse(der);
}
