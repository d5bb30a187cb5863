using System.Security.Cryptography;
using Certwright.Keys;
using Certwright.Keys.Internal;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>
/// Issues the responder's delegated signing certificate for a CA (RFC 6960 §4.2.2.2): a fresh in-memory key (EC P-256, or
/// the CA's ML-DSA type for a post-quantum CA), EKU id-kp-OCSPSigning, id-pkix-ocsp-nocheck, KU digitalSignature, signed
/// by the CA key, and recorded in the ledger before use.
/// </summary>
internal static class DelegatedSignerFactory
{
    /// <summary>Backdating of notBefore, for relying parties whose clocks are a little behind.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    public static async Task<ResponderSigner> IssueAsync(
        SigningAuthority authority,
        IAuthorityStore store,
        TimeSpan lifetime,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var keyType = KeyTypes.IsPostQuantum(authority.Key.Type) ? authority.Key.Type : KeyType.EcP256;
        var key = SoftwareKeys.Generate($"ocsp-{authority.Name}", keyType);
        try
        {
            var issuer = new X509CertificateParser().ReadCertificate(authority.Record.IssuingCertificate);
            var serialBytes = RandomNumberGenerator.GetBytes(16);
            serialBytes[0] &= 0x7F;
            serialBytes[0] |= 0x40; // 128 bits with a fixed length: never a leading zero to trim.
            var notBefore = OcspResponseEncoder.Truncate(now - Backdate);
            var notAfter = OcspResponseEncoder.Truncate(now + lifetime);
            var subject = new X509Name($"CN={authority.Name} OCSP Responder");
            var spki = SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo);

            var generator = new X509V3CertificateGenerator();
            generator.SetSerialNumber(new BigInteger(1, serialBytes));
            generator.SetIssuerDN(issuer.SubjectDN);
            generator.SetSubjectDN(subject);
            generator.SetNotBefore(notBefore.UtcDateTime);
            generator.SetNotAfter(notAfter.UtcDateTime);
            generator.SetSubjectPublicKeyInfo(spki);
            generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
            generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.id_kp_OCSPSigning));
            generator.AddExtension(new DerObjectIdentifier(OcspOids.NoCheck), false, DerNull.Instance);
            generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(SHA1.HashData(ResponderSigner.PublicKeyBits(key.SubjectPublicKeyInfo))));
            generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(IssuerKeyIdentifier(issuer, authority)));
            var der = generator.Generate(authority.Key.ToSignatureFactory()).GetEncoded();

            // In the ledger before it signs anything: every certificate a CA signed is accounted for.
            await store.RecordIssuedAsync(
                new IssuedCertificate(
                    authority.Name,
                    OcspConstants.SigningProfile,
                    serialBytes,
                    Convert.ToHexStringLower(SHA256.HashData(der)),
                    subject.ToString(),
                    notBefore,
                    notAfter,
                    now,
                    der),
                cancellationToken);
            return new ResponderSigner(key, der, notAfter, ownsKey: true);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The CA certificate's own subjectKeyIdentifier (chain builders match AKI to it), else the RFC 5280 method-1 hash.</summary>
    private static byte[] IssuerKeyIdentifier(X509Certificate issuer, SigningAuthority authority)
    {
        var extension = issuer.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
        return extension is not null
            ? SubjectKeyIdentifier.GetInstance(Asn1Object.FromByteArray(extension.GetOctets())).GetKeyIdentifier()
            : SHA1.HashData(ResponderSigner.PublicKeyBits(authority.Key.SubjectPublicKeyInfo));
    }
}
