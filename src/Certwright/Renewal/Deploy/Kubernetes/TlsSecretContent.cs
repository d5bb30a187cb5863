using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

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
    public JsonObject NewSecret(string ns, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["type"] = SecretType,
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { [ManagedByLabel] = ManagedByValue },
            ["annotations"] = Strings(Annotations),
        },
        ["data"] = Base64(Data),
    };

    /// <summary>
    /// Puts this content into <paramref name="existing"/>, replacing its data, labels and annotations nodes by new ones
    /// (so the caller's copies of the old ones stay intact); every other key, label, annotation and field is kept.
    /// </summary>
    public void ApplyTo(JsonObject existing)
    {
        var metadata = existing["metadata"]!.AsObject();
        var data = existing["data"] is JsonObject oldData ? oldData.DeepClone().AsObject() : [];
        foreach (var (key, value) in Base64(Data))
        {
            data[key] = value!.DeepClone();
        }

        var labels = metadata["labels"] is JsonObject oldLabels ? oldLabels.DeepClone().AsObject() : [];
        labels[ManagedByLabel] = ManagedByValue;
        var annotations = metadata["annotations"] is JsonObject oldAnnotations ? oldAnnotations.DeepClone().AsObject() : [];
        foreach (var (key, value) in Annotations)
        {
            annotations[key] = value;
        }

        existing["data"] = data;
        metadata["labels"] = labels;
        metadata["annotations"] = annotations;
    }

    private static JsonObject Base64(Dictionary<string, byte[]> data)
    {
        var result = new JsonObject();
        foreach (var (key, value) in data)
        {
            result[key] = Convert.ToBase64String(value);
        }

        return result;
    }

    private static JsonObject Strings(Dictionary<string, string> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            result[key] = value;
        }

        return result;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Pem(string label, byte[] der) => new string(PemEncoding.Write(label, der)) + "\n";
}
