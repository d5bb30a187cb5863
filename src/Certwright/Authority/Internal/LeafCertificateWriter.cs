using System.Formats.Asn1;
using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>The fields of one end-entity certificate.</summary>
internal readonly record struct LeafFields(
    byte[] Serial,
    byte[] SubjectName,
    byte[] SubjectPublicKeyInfo,
    KeyType KeyType,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    byte[] ExtendedKeyUsage,
    IReadOnlyList<SubjectAltName> SubjectAltNames);

/// <summary>
/// Writes a leaf's TBSCertificate straight with <see cref="AsnWriter"/> from precomputed pieces (issuer name, AKI, AIA,
/// CDP), then signs it through the CA's <see cref="ISigningKey"/>. About 3x faster than BouncyCastle's generator, which
/// re-encodes the issuer and extensions through its object model on every certificate.
/// </summary>
internal static class LeafCertificateWriter
{
    private static readonly Asn1Tag Version = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Extensions = new(TagClass.ContextSpecific, 3, isConstructed: true);

    public static byte[] Tbs(IssuerTemplate issuer, in LeafFields leaf)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 1024 + leaf.SubjectPublicKeyInfo.Length);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(Version))
            {
                writer.WriteInteger(2);
            }

            writer.WriteIntegerUnsigned(leaf.Serial);
            writer.WriteEncodedValue(issuer.SignatureAlgorithm);
            writer.WriteEncodedValue(issuer.IssuerName);
            using (writer.PushSequence())
            {
                CertificateDer.WriteTime(writer, leaf.NotBefore);
                CertificateDer.WriteTime(writer, leaf.NotAfter);
            }

            writer.WriteEncodedValue(leaf.SubjectName);
            writer.WriteEncodedValue(leaf.SubjectPublicKeyInfo);
            using (writer.PushSequence(Extensions))
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(CertificateDer.EndEntityBasicConstraints);
                writer.WriteEncodedValue(leaf.KeyType is KeyType.Rsa2048 or KeyType.Rsa3072 or KeyType.Rsa4096 ? CertificateDer.RsaKeyUsage : CertificateDer.DigitalSignatureKeyUsage);
                writer.WriteEncodedValue(leaf.ExtendedKeyUsage);
                CertificateDer.WriteSubjectAltNames(writer, leaf.SubjectAltNames, critical: IsEmptyName(leaf.SubjectName));
                writer.WriteEncodedValue(CertificateDer.SubjectKeyIdentifier(leaf.SubjectPublicKeyInfo));
                writer.WriteEncodedValue(issuer.AuthorityKeyIdentifier);
                if (issuer.AuthorityInfoAccess is { } aia)
                {
                    writer.WriteEncodedValue(aia);
                }

                if (issuer.CrlDistributionPoints is { } cdp)
                {
                    writer.WriteEncodedValue(cdp);
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] Sign(IssuerTemplate issuer, ISigningKey key, in LeafFields leaf)
    {
        var tbs = Tbs(issuer, leaf);
        return CertificateDer.Certificate(tbs, issuer.SignatureAlgorithm, key.Sign(tbs));
    }

    private static bool IsEmptyName(byte[] name) => name is [0x30, 0x00];
}
