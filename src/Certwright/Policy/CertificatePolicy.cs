using System.Globalization;
using Certwright.Certificates;

namespace Certwright.Policy;

/// <summary>
/// Findings about one certificate on its own, whatever chain it sits in: key strength, SHA-1 signatures, validity
/// longer than allowed, a server certificate without subjectAltName, self-signed end-entity certificates and,
/// for the post-quantum plan, keys a quantum computer would break. Expiry is <see cref="ExpiryPolicy"/>'s.
/// A pure function, so scans, monitoring and the audit all judge the same way.
/// </summary>
public static class CertificatePolicy
{
    /// <param name="certificate">The certificate.</param>
    /// <param name="options">Thresholds; <see cref="CertificatePolicyOptions.Default"/> when unsure.</param>
    /// <param name="publiclyTrusted">True when the certificate chains to a public root (validity limits of the
    /// CA/Browser Forum apply); false or null when private or unknown.</param>
    public static IReadOnlyList<Finding> Evaluate(CertificateRecord certificate, CertificatePolicyOptions options, bool? publiclyTrusted = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(options);
        var findings = new List<Finding>();
        var subject = certificate.Sha256;
        var name = Describe(certificate);

        if (WeakKey(certificate.PublicKey, options) is { } weakKey)
        {
            findings.Add(new Finding(FindingCodes.WeakKey, weakKey.Severity, $"{name}: its {certificate.PublicKey} key is weak; {weakKey.Reason}", subject));
        }

        // A root's self-signature is never checked by relying parties, so a SHA-1 root is no weakness.
        if (!certificate.IsSelfSigned && SignatureHash(certificate.SignatureAlgorithmOid) is { } hash)
        {
            findings.Add(hash == "SHA-1"
                ? new Finding(FindingCodes.Sha1Signature, Severity.Warning, $"{name} is signed with SHA-1 ({certificate.SignatureAlgorithm}); collisions are practical, reissue it with SHA-256", subject)
                : new Finding(FindingCodes.WeakSignatureAlgorithm, Severity.Critical, $"{name} is signed with {hash} ({certificate.SignatureAlgorithm}), which is broken; reissue it", subject));
        }

        if (!certificate.IsCertificateAuthority)
        {
            AddEndEntityFindings(certificate, options, publiclyTrusted, name, findings);
        }

        if (options.ReportQuantumVulnerable && QuantumVulnerable(certificate.PublicKey.Algorithm))
        {
            findings.Add(new Finding(
                FindingCodes.QuantumVulnerable,
                Severity.Info,
                $"{name}: its {certificate.PublicKey} key could be broken by a quantum computer; plan its move to ML-DSA (FIPS 204)",
                subject));
        }

        return findings;
    }

    private static void AddEndEntityFindings(CertificateRecord certificate, CertificatePolicyOptions options, bool? publiclyTrusted, string name, List<Finding> findings)
    {
        var subject = certificate.Sha256;
        var isServer = IsTlsServer(certificate);
        if (isServer && certificate.SubjectAlternativeNames.Count == 0)
        {
            findings.Add(new Finding(FindingCodes.MissingSan, Severity.Warning, $"{name} has no subjectAltName; clients match names only there (RFC 6125, CA/B BR 7.1.2.7.12)", subject));
        }

        if (certificate.IsSelfSigned)
        {
            findings.Add(new Finding(FindingCodes.SelfSigned, Severity.Warning, $"{name} is a self-signed end-entity certificate; clients can trust it only by pinning it", subject));
        }

        var limits = publiclyTrusted == true ? options.PublicValidityLimits : options.PrivateValidityLimits;
        if (isServer && limits?.MaxValidityAt(certificate.NotBefore) is { } max)
        {
            var validity = ValidityLimits.ValidityOf(certificate.NotBefore, certificate.NotAfter);
            if (validity > max)
            {
                findings.Add(new Finding(
                    FindingCodes.LongValidity,
                    Severity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"{name} is valid for {validity.TotalDays:0.#} days; certificates issued on {certificate.NotBefore:yyyy-MM-dd} may last at most {max.TotalDays:0.#} days"),
                    subject));
            }
        }
    }

    private static (Severity Severity, string Reason)? WeakKey(PublicKeyDescription key, CertificatePolicyOptions options) => key.Algorithm switch
    {
        KeyAlgorithm.Rsa when key.SizeBits < 1024 => (Severity.Critical, "RSA under 1024 bits is broken"),
        KeyAlgorithm.Rsa when key.SizeBits < options.MinimumRsaBits => (Severity.Warning, $"use at least {options.MinimumRsaBits} bits"),
        KeyAlgorithm.Dsa => (Severity.Warning, "DSA is deprecated (FIPS 186-5); use ECDSA, Ed25519 or RSA"),
        KeyAlgorithm.Ec when key.SizeBits < options.MinimumEcBits => (Severity.Warning, $"use a curve of at least {options.MinimumEcBits} bits (P-256 or larger)"),
        _ => null,
    };

    /// <summary>The broken hash a signature algorithm uses (SHA-1, MD5, MD2), or null.</summary>
    private static string? SignatureHash(string oid) => oid switch
    {
        Oids.Sha1WithRsa or Oids.EcdsaWithSha1 or Oids.DsaWithSha1 or "1.3.14.3.2.29" => "SHA-1",
        Oids.Md5WithRsa => "MD5",
        Oids.Md2WithRsa => "MD2",
        _ => null,
    };

    private static bool QuantumVulnerable(KeyAlgorithm algorithm) => algorithm is
        KeyAlgorithm.Rsa or KeyAlgorithm.Dsa or KeyAlgorithm.Ec or KeyAlgorithm.Ed25519 or KeyAlgorithm.Ed448;

    /// <summary>A TLS server certificate: serverAuth among its EKUs, or no EKU at all (any purpose).</summary>
    private static bool IsTlsServer(CertificateRecord certificate) =>
        certificate.ExtendedKeyUsages.Count == 0 || certificate.ExtendedKeyUsages.Contains(Oids.ServerAuth) || certificate.ExtendedKeyUsages.Contains(Oids.AnyExtendedKeyUsage);

    private static string Describe(CertificateRecord certificate) =>
        certificate.Subject.Length == 0 ? $"certificate {certificate.Sha256[..16]}" : certificate.Subject;
}
