using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Certwright.Authority;

namespace Certwright.Acme.Server.Internal;

/// <summary>One CA as the ACME server uses it: issuer, profile, the key id in certIDs (RFC 9773) and the PEM chain it serves.</summary>
internal sealed class AcmeCa
{
    public AcmeCa(AcmeAuthority authority)
    {
        Name = authority.Name;
        Issuer = authority.Issuer;
        Profile = authority.Profile;
        var chain = authority.Issuer.Chain;
        using var issuing = X509CertificateLoader.LoadCertificate(chain[0]);
        KeyIdentifier = issuing.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray() ?? [];
        // RFC 8555 §9.1: the chain after the leaf; the self-signed root is left out (relying parties have it).
        var pem = new StringBuilder();
        for (var i = 0; i < chain.Count; i++)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(chain[i]);
            if (i > 0 && i == chain.Count - 1 && certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
            {
                break;
            }

            pem.Append(PemEncoding.WriteString("CERTIFICATE", chain[i])).Append('\n');
        }

        ChainPem = pem.ToString();
    }

    public string Name { get; }

    public CertificateIssuer Issuer { get; }

    public CertificateProfile Profile { get; }

    /// <summary>The issuing certificate's subject key identifier: the AKI of every leaf, the first half of a certID.</summary>
    public byte[] KeyIdentifier { get; }

    /// <summary>The PEM certificates served after the leaf.</summary>
    public string ChainPem { get; }
}
