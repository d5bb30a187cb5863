using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Bench.CertGen;

/// <summary>
/// A pre-generated leaf public key with its pre-encoded SubjectPublicKeyInfo, subject key identifier
/// and key usage. Distinct certificates need distinct serials and names, not distinct keys.
/// </summary>
internal sealed record LeafKey(string Label, byte[] SubjectPublicKeyInfo, byte[] SubjectKeyIdExtension, byte[] KeyUsageExtension)
{
    /// <summary>10 x EC P-256, 4 x EC P-384, 6 x RSA 2048: about 50/20/30 per cent of leaves.</summary>
    public static LeafKey[] CreatePool()
    {
        var pool = new List<LeafKey>();
        for (var i = 0; i < 10; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pool.Add(From("EC P-256", key.ExportSubjectPublicKeyInfo(), X509KeyUsageFlags.DigitalSignature));
        }

        for (var i = 0; i < 4; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            pool.Add(From("EC P-384", key.ExportSubjectPublicKeyInfo(), X509KeyUsageFlags.DigitalSignature));
        }

        for (var i = 0; i < 6; i++)
        {
            using var key = RSA.Create(2048);
            pool.Add(From("RSA 2048", key.ExportSubjectPublicKeyInfo(), X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment));
        }

        return [.. pool];
    }

    private static LeafKey From(string label, byte[] spki, X509KeyUsageFlags usage)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _);
        var ski = new X509SubjectKeyIdentifierExtension(publicKey, X509SubjectKeyIdentifierHashAlgorithm.Sha1, critical: false);
        return new LeafKey(label, spki, Der.Extension(ski), Der.Extension(new X509KeyUsageExtension(usage, critical: true)));
    }
}
