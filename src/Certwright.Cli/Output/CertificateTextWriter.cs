using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>The human form of one certificate (<c>show</c>, <c>verify</c>).</summary>
internal static class CertificateTextWriter
{
    public static async Task WriteAsync(TextWriter output, CertificateRecord certificate, DateTimeOffset now)
    {
        async Task Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                await output.WriteLineAsync($"{label,-22}{ConsoleTable.Sanitize(value)}");
            }
        }

        await Line("Subject:", certificate.Subject);
        await Line("Issuer:", certificate.Issuer);
        await Line("Serial:", certificate.SerialNumber);
        await Line("Not before:", JsonOutput.FormatTime(certificate.NotBefore));
        await Line("Not after:", $"{JsonOutput.FormatTime(certificate.NotAfter)} ({ExpiryPolicy.DaysLeft(certificate.NotAfter, now)} days left)");
        await Line("Names:", string.Join(", ", certificate.SubjectAlternativeNames));
        await Line("Key:", certificate.PublicKey.ToString());
        await Line("Signature:", certificate.SignatureAlgorithm);
        await Line("Key usage:", certificate.KeyUsage is { } usage ? string.Join(", ", CertificateJson.KeyUsageNames(usage)) : null);
        await Line("Extended key usage:", string.Join(", ", certificate.ExtendedKeyUsages.Select(OidNames.ExtendedKeyUsage)));
        await Line("CA:", certificate.BasicConstraints is { } bc ? (bc.IsCertificateAuthority ? $"yes{(bc.PathLengthConstraint is { } p ? $", path length {p}" : "")}" : "no") : null);
        await Line("Self-signed:", certificate.IsSelfSigned ? "yes" : "no");
        await Line("Subject key id:", certificate.SubjectKeyId);
        await Line("Authority key id:", certificate.AuthorityKeyId);
        await Line("OCSP:", string.Join(", ", certificate.OcspUrls));
        await Line("CA issuers:", string.Join(", ", certificate.CaIssuerUrls));
        await Line("CRL:", string.Join(", ", certificate.CrlDistributionPoints));
        await Line("SCTs:", certificate.SctCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Line("SHA-256:", certificate.Sha256);
        await Line("SHA-1:", certificate.Sha1);
    }
}
