using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// What a deployment puts into a <c>kubernetes.io/tls</c> Secret: tls.crt (the leaf then its chain, as Ingress controllers
/// expect), tls.key (PKCS#8 PEM), optionally ca.crt, and labels and annotations saying Certwright manages it and which
/// certificate it holds.
/// </summary>
internal sealed class TlsSecretContent
{
    public const string SecretType = "kubernetes.io/tls";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "certwright";
    public const string FingerprintAnnotation = "certwright.io/fingerprint-sha256";
    public const string NotAfterAnnotation = "certwright.io/not-after";
    public const string DeployedAtAnnotation = "certwright.io/deployed-at";

    private TlsSecretContent(Dictionary<string, byte[]> data, Dictionary<string, string> annotations)
    {
        Data = data;
        Annotations = annotations;
    }

    public Dictionary<string, byte[]> Data { get; }

    public Dictionary<string, string> Annotations { get; }

    public static TlsSecretContent From(CertificateBundle bundle, bool includeCaCrt, DateTimeOffset now)
    {
        var leafPem = Pem("CERTIFICATE", bundle.Leaf);
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["tls.crt"] = Encoding.ASCII.GetBytes(leafPem + string.Concat(bundle.Chain.Select(c => Pem("CERTIFICATE", c)))),
            ["tls.key"] = Encoding.ASCII.GetBytes(Pem("PRIVATE KEY", bundle.PrivateKeyPkcs8!)),
        };
        if (includeCaCrt && bundle.Chain.Count > 0)
        {
            data["ca.crt"] = Encoding.ASCII.GetBytes(Pem("CERTIFICATE", bundle.Chain[^1]));
        }

        using var leaf = X509CertificateLoader.LoadCertificate(bundle.Leaf);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FingerprintAnnotation] = Convert.ToHexStringLower(SHA256.HashData(bundle.Leaf)),
            [NotAfterAnnotation] = Iso(new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero)),
            [DeployedAtAnnotation] = Iso(now),
        };
        return new TlsSecretContent(data, annotations);
    }

    /// <summary>A new Secret holding this content.</summary>
    public V1Secret NewSecret(string ns, string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = SecretType,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [ManagedByLabel] = ManagedByValue },
            Annotations = new Dictionary<string, string>(Annotations, StringComparer.Ordinal),
        },
        Data = new Dictionary<string, byte[]>(Data, StringComparer.Ordinal),
    };

    /// <summary>
    /// Puts this content into <paramref name="existing"/> (new dictionaries, so a snapshot of the old ones stays intact);
    /// every other key, label, annotation and metadata field (owner references, finalizers) is kept.
    /// </summary>
    public void ApplyTo(V1Secret existing)
    {
        var data = new Dictionary<string, byte[]>(existing.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal);
        foreach (var (key, value) in Data)
        {
            data[key] = value;
        }

        var labels = new Dictionary<string, string>(existing.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [ManagedByLabel] = ManagedByValue };
        var annotations = new Dictionary<string, string>(existing.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in Annotations)
        {
            annotations[key] = value;
        }

        existing.Data = data;
        existing.Metadata.Labels = labels;
        existing.Metadata.Annotations = annotations;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Pem(string label, byte[] der) => new string(PemEncoding.Write(label, der)) + "\n";
}
