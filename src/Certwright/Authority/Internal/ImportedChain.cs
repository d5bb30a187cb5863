using Certwright.Certificates;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Certwright.Authority.Internal;

/// <summary>
/// Checks an imported CA's certificates: the issuing one must be a CA that may sign certificates (basicConstraints
/// CA:TRUE and keyUsage keyCertSign), in its validity period, and the chain above it must link (each certificate
/// signed by the next) up to a self-signed root. A self-signed issuing certificate needs no chain.
/// </summary>
internal static class ImportedChain
{
    /// <summary>Reads every certificate (PEM or DER) of one file.</summary>
    /// <exception cref="CertwrightException">Usage: no certificate, or one that does not parse.</exception>
    public static IReadOnlyList<X509Certificate> Read(byte[] content, string source)
    {
        IList<X509Certificate> certificates;
        try
        {
            certificates = new X509CertificateParser().ReadCertificates(content);
        }
        catch (Exception e) when (e is CertificateException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{source} is not a PEM or DER certificate file ({e.Message.TrimEnd('.')}); check the file", e);
        }

        return certificates.Count > 0
            ? [.. certificates]
            : throw new CertwrightException(ErrorKind.Usage, $"{source} holds no certificate; give the CA certificate in PEM");
    }

    /// <summary>Checks <paramref name="issuing"/> and <paramref name="chain"/> (its issuer first, the root last).</summary>
    /// <exception cref="CertwrightException">Usage: the first rule broken, naming the certificate.</exception>
    public static void Check(X509Certificate issuing, IReadOnlyList<X509Certificate> chain, DateTimeOffset now)
    {
        RequireCa(issuing, "CA certificate");
        if (now > new DateTimeOffset(issuing.NotAfter, TimeSpan.Zero))
        {
            throw new CertwrightException(ErrorKind.Usage, $"CA certificate '{Subject(issuing)}' expired on {issuing.NotAfter:yyyy-MM-ddTHH:mm:ssZ}; import a current one");
        }

        var path = new List<X509Certificate> { issuing };
        path.AddRange(chain);
        for (var i = 0; i + 1 < path.Count; i++)
        {
            RequireCa(path[i + 1], "chain certificate");
            if (!path[i].IssuerDN.Equivalent(path[i + 1].SubjectDN) || !SignedBy(path[i], path[i + 1]))
            {
                throw new CertwrightException(ErrorKind.Usage, $"the chain does not link: '{Subject(path[i])}' is not signed by the next certificate '{Subject(path[i + 1])}'; give --chain in order, each issuer after the certificate it signed, up to the root");
            }
        }

        var top = path[^1];
        if (!top.IssuerDN.Equivalent(top.SubjectDN) || !SignedBy(top, top))
        {
            throw new CertwrightException(ErrorKind.Usage, $"the chain ends at '{Subject(top)}', which is not self-signed; --chain must reach the root CA (add its issuer '{Issuer(top)}')");
        }
    }

    private static void RequireCa(X509Certificate certificate, string what)
    {
        if (certificate.GetBasicConstraints() < 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{what} '{Subject(certificate)}' is not a CA: basicConstraints CA:TRUE is missing; give the CA's certificate, not a leaf");
        }

        // KeyUsage bit 5: keyCertSign. A CA certificate without a keyUsage extension is refused too: RFC 5280 §4.2.1.3 requires it.
        if (certificate.GetKeyUsage() is not { Length: > 5 } usage || !usage[5])
        {
            throw new CertwrightException(ErrorKind.Usage, $"{what} '{Subject(certificate)}' is not a CA that may sign certificates: keyUsage keyCertSign is missing");
        }
    }

    private static bool SignedBy(X509Certificate subject, X509Certificate issuer)
    {
        try
        {
            return subject.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or CertificateException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    internal static string Subject(X509Certificate certificate) =>
        DistinguishedNameFormatter.Format(certificate.CertificateStructure.Subject.GetEncoded(), out _);

    private static string Issuer(X509Certificate certificate) =>
        DistinguishedNameFormatter.Format(certificate.CertificateStructure.Issuer.GetEncoded(), out _);
}
