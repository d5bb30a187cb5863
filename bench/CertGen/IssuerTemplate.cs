using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Bench.CertGen;

/// <summary>What every leaf of one issuing CA shares, pre-encoded: issuer name, signature algorithm, AKI, AIA, CRL DP.</summary>
internal sealed record IssuerTemplate(
    string Label,
    byte[] NameDer,
    byte[] SignatureAlgorithm,
    byte[] AuthorityKeyIdExtension,
    byte[] AuthorityInfoAccessExtension,
    byte[] CrlDistributionPointsExtension,
    string PrivateKeyPem,
    bool IsRsa)
{
    public static IssuerTemplate From(string label, X509Certificate2 certificate, string privateKeyPem, string baseUrl)
    {
        var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        var aki = X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski.SubjectKeyIdentifierBytes.ToArray());
        var aia = new X509AuthorityInformationAccessExtension([$"{baseUrl}/ocsp"], [$"{baseUrl}/{label}.crt"]);
        var crldp = CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"{baseUrl}/{label}.crl"]);
        var isRsa = certificate.GetKeyAlgorithm() == "1.2.840.113549.1.1.1";
        return new IssuerTemplate(
            label,
            certificate.SubjectName.RawData,
            isRsa ? Der.Sha256WithRsa : Der.EcdsaWithSha256,
            Der.Extension(aki),
            Der.Extension(aia),
            Der.Extension(crldp),
            privateKeyPem,
            isRsa);
    }

    /// <summary>A signer with its own key object, so that threads never share one.</summary>
    public IssuerSigner CreateSigner() => new(this);
}

/// <summary>One thread's private-key handle for an issuer.</summary>
internal sealed class IssuerSigner : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    public IssuerSigner(IssuerTemplate template)
    {
        Template = template;
        if (template.IsRsa)
        {
            _rsa = RSA.Create();
            _rsa.ImportFromPem(template.PrivateKeyPem);
        }
        else
        {
            _ec = ECDsa.Create();
            _ec.ImportFromPem(template.PrivateKeyPem);
        }
    }

    public IssuerTemplate Template { get; }

    public byte[] Sign(byte[] tbs) => _rsa is not null
        ? _rsa.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : _ec!.SignData(tbs, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }
}
