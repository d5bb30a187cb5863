using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Certwright.Renewal.Deploy;
using Certwright.Renewal.Deploy.Kubernetes;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Renewal.Deploy;

/// <summary>The fake API server, a kubeconfig for it, a test CA and the helpers the Kubernetes secret deployer tests share.</summary>
public abstract class KubernetesSecretDeployerTestBase : IAsyncLifetime
{
    protected const string SecretPath = "/api/v1/namespaces/prod/secrets/api-tls";
    protected const string CollectionPath = "/api/v1/namespaces/prod/secrets";
    protected readonly TempDirectory _directory = new();
    protected readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));
    protected readonly TestCertificate _root = TestPki.CreateRoot();
    protected readonly TestCertificate _intermediate;
    protected FakeKubernetesApi _api = null!;
    protected string _kubeconfig = null!;

    protected KubernetesSecretDeployerTestBase() => _intermediate = TestPki.CreateIntermediate(_root);

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _kubeconfig = _api.WriteKubeconfig(_directory);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _intermediate.Dispose();
        _root.Dispose();
        _directory.Dispose();
    }

    protected KubernetesSecretDeployer CreateSut(bool includeCaCrt = false) =>
        new(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = _kubeconfig, IncludeCaCrt = includeCaCrt }, _time);

    protected (CertificateBundle Bundle, TestCertificate Leaf, string KeyPem) Bundle(string name)
    {
        var leaf = TestPki.CreateLeaf(_intermediate, name);
        using var key = leaf.Certificate.GetECDsaPrivateKey()!;
        var pkcs8 = key.ExportPkcs8PrivateKey();
        return (new CertificateBundle(leaf.Der, [_intermediate.Der], pkcs8), leaf, new string(PemEncoding.Write("PRIVATE KEY", pkcs8)) + "\n");
    }

    protected static Dictionary<string, string> Data(JsonObject secret) =>
        ((JsonObject)secret["data"]!).ToDictionary(p => p.Key, p => Encoding.ASCII.GetString(Convert.FromBase64String((string)p.Value!)), StringComparer.Ordinal);

    protected static ApiFault Conflict() =>
        new(HttpStatusCode.Conflict, "Conflict", "Operation cannot be fulfilled on secrets \"api-tls\": the object has been modified; please apply your changes to the latest version and try again");

    protected static JsonObject ExistingSecret() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["type"] = "kubernetes.io/tls",
        ["metadata"] = new JsonObject
        {
            ["name"] = "api-tls",
            ["labels"] = new JsonObject { ["team"] = "payments" },
            ["annotations"] = new JsonObject { ["note"] = "keep me" },
            ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "networking.k8s.io/v1", ["kind"] = "Ingress", ["name"] = "api", ["uid"] = "1234" }),
        },
        ["data"] = new JsonObject
        {
            ["tls.crt"] = Convert.ToBase64String("old certificate"u8),
            ["tls.key"] = Convert.ToBase64String("old key"u8),
            ["extra"] = Convert.ToBase64String("kept"u8),
        },
    };
}
