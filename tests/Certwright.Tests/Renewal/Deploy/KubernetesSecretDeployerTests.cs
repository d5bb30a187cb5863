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

public sealed class KubernetesSecretDeployerTests : IAsyncLifetime
{
    private const string SecretPath = "/api/v1/namespaces/prod/secrets/api-tls";
    private const string CollectionPath = "/api/v1/namespaces/prod/secrets";
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly TestCertificate _root = TestPki.CreateRoot();
    private readonly TestCertificate _intermediate;
    private FakeKubernetesApi _api = null!;
    private string _kubeconfig = null!;

    public KubernetesSecretDeployerTests() => _intermediate = TestPki.CreateIntermediate(_root);

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

    [Fact]
    public async Task Deploy_SecretMissing_CreatesTlsSecretWithFullChainKeyAndAnnotations()
    {
        var (bundle, leaf, keyPem) = Bundle("api.internal");

        var receipt = (KubernetesSecretReceipt)await CreateSut().DeployAsync(bundle, default);

        Assert.Equal(["GET " + SecretPath, "POST " + CollectionPath], _api.Requests.Select(r => r.ToString()));
        Assert.All(_api.Requests, r => Assert.Equal($"Bearer {FakeKubernetesApi.Token}", r.Authorization));
        var body = _api.Requests[1].Body!;
        Assert.Equal("kubernetes.io/tls", (string?)body["type"]);
        Assert.Equal("api-tls", (string?)body["metadata"]!["name"]);
        Assert.Equal("prod", (string?)body["metadata"]!["namespace"]);
        Assert.Null(body["metadata"]!["resourceVersion"]);
        Assert.Equal("""{"app.kubernetes.io/managed-by":"certwright"}""", body["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(
            $$"""{"certwright.io/fingerprint-sha256":"{{leaf.Sha256}}","certwright.io/not-after":"{{leaf.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}}","certwright.io/deployed-at":"2027-01-02T03:04:05Z"}""",
            body["metadata"]!["annotations"]!.ToJsonString());
        Assert.Equal(["tls.crt", "tls.key"], Data(body).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(leaf.CertificatePem + _intermediate.CertificatePem, Data(body)["tls.crt"]);
        Assert.Equal(keyPem, Data(body)["tls.key"]);
        Assert.True(receipt.Created);
        Assert.Equal("secret prod/api-tls", receipt.Target);
        Assert.Equal((string?)_api.Get("prod", "api-tls")!["metadata"]!["resourceVersion"], receipt.ResourceVersion);
    }

    [Fact]
    public async Task Deploy_SecretExists_ReplacesWithItsResourceVersionKeepingOtherKeysLabelsAndOwners()
    {
        _api.Seed("prod", ExistingSecret());
        var seededVersion = (string)_api.Get("prod", "api-tls")!["metadata"]!["resourceVersion"]!;
        var (bundle, leaf, keyPem) = Bundle("api.internal");

        var receipt = (KubernetesSecretReceipt)await CreateSut(includeCaCrt: true).DeployAsync(bundle, default);

        Assert.Equal(["GET " + SecretPath, "PUT " + SecretPath], _api.Requests.Select(r => r.ToString()));
        var body = _api.Requests[1].Body!;
        Assert.Equal(seededVersion, (string?)body["metadata"]!["resourceVersion"]);
        Assert.Equal("payments", (string?)body["metadata"]!["labels"]!["team"]);
        Assert.Equal("certwright", (string?)body["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]);
        Assert.Equal("keep me", (string?)body["metadata"]!["annotations"]!["note"]);
        Assert.Equal(leaf.Sha256, (string?)body["metadata"]!["annotations"]!["certwright.io/fingerprint-sha256"]);
        Assert.Equal("Ingress", (string?)body["metadata"]!["ownerReferences"]![0]!["kind"]);
        Assert.Equal(["ca.crt", "extra", "tls.crt", "tls.key"], Data(body).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("kept", Data(body)["extra"]);
        Assert.Equal(_intermediate.CertificatePem, Data(body)["ca.crt"]);
        Assert.Equal(keyPem, Data(body)["tls.key"]);
        Assert.False(receipt.Created);
        Assert.NotEqual(seededVersion, receipt.ResourceVersion);
    }

    [Fact]
    public async Task Deploy_ConflictOnFirstReplace_ReadsAgainAndRetriesOnce()
    {
        _api.Seed("prod", ExistingSecret());
        var puts = 0;
        _api.Fault = r => r.Method == "PUT" && ++puts == 1 ? Conflict() : null;
        var (bundle, leaf, _) = Bundle("api.internal");

        await CreateSut().DeployAsync(bundle, default);

        Assert.Equal(["GET " + SecretPath, "PUT " + SecretPath, "GET " + SecretPath, "PUT " + SecretPath], _api.Requests.Select(r => r.ToString()));
        Assert.Equal(leaf.CertificatePem + _intermediate.CertificatePem, Data(_api.Get("prod", "api-tls")!)["tls.crt"]);
    }

    [Fact]
    public async Task Deploy_CreateRacesAnotherWriter_ReadsTheNewSecretAndReplacesIt()
    {
        _api.Fault = r =>
        {
            if (r.Method == "POST" && _api.Get("prod", "api-tls") is null)
            {
                _api.Seed("prod", ExistingSecret());
            }

            return null;
        };

        var receipt = (KubernetesSecretReceipt)await CreateSut().DeployAsync(Bundle("api.internal").Bundle, default);

        Assert.Equal(["GET " + SecretPath, "POST " + CollectionPath, "GET " + SecretPath, "PUT " + SecretPath], _api.Requests.Select(r => r.ToString()));
        Assert.False(receipt.Created);
        Assert.Equal("kept", Data(_api.Get("prod", "api-tls")!)["extra"]);
    }

    [Fact]
    public async Task Deploy_ConflictTwice_ThrowsRemoteAndLeavesTheSecret()
    {
        _api.Seed("prod", ExistingSecret());
        var before = _api.Get("prod", "api-tls")!.ToJsonString();
        _api.Fault = r => r.Method == "PUT" ? Conflict() : null;

        var error = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Remote, error.Kind);
        Assert.Equal("cannot deploy secret prod/api-tls: it was changed by someone else twice while Certwright replaced it (409 Conflict); the run is retried at the next renewal", error.Message);
        Assert.Equal(4, _api.Requests.Count);
        Assert.Equal(before, _api.Get("prod", "api-tls")!.ToJsonString());
    }

    [Fact]
    public async Task Deploy_Forbidden_ThrowsUsageOneLineNamingTheRoleWithoutKeyMaterial()
    {
        _api.Fault = r => r.Method == "POST"
            ? new ApiFault(HttpStatusCode.Forbidden, "Forbidden", "secrets is forbidden: User \"system:serviceaccount:prod:certwright\" cannot create resource \"secrets\" in API group \"\" in the namespace \"prod\"")
            : null;
        var (bundle, _, keyPem) = Bundle("api.internal");

        var error = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().DeployAsync(bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(
            "cannot deploy secret prod/api-tls: the Kubernetes API answered 403 Forbidden: \"secrets is forbidden: User \"system:serviceaccount:prod:certwright\" cannot create resource \"secrets\" in API group \"\" in the namespace \"prod\"\"; grant get, create and update on secrets in namespace prod (deploy/kubernetes/role.yaml)",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("PRIVATE KEY", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.ASCII.GetBytes(keyPem))[..40], error.ToString(), StringComparison.Ordinal);
        Assert.Null(_api.Get("prod", "api-tls"));
    }

    [Fact]
    public async Task Deploy_NamespaceMissing_ThrowsUsageNamingIt()
    {
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "staging", Name = "api-tls", KubeconfigPath = _kubeconfig }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("cannot deploy secret staging/api-tls: the Kubernetes API answered 404 Not Found: \"namespaces \"staging\" not found\"; check that namespace staging exists", error.Message);
    }

    [Fact]
    public async Task Deploy_ExistingOpaqueSecret_ThrowsUsageWithoutWriting()
    {
        var opaque = ExistingSecret();
        opaque["type"] = "Opaque";
        _api.Seed("prod", opaque);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("cannot deploy secret prod/api-tls: it exists with type 'Opaque', not kubernetes.io/tls, and a Secret's type cannot change; delete it or choose another name", error.Message);
        Assert.Equal(["GET " + SecretPath], _api.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Deploy_BadCredentials_ThrowsUsage()
    {
        var kubeconfig = _directory.Write("bad-token", File.ReadAllText(_kubeconfig).Replace(FakeKubernetesApi.Token, "wrong", StringComparison.Ordinal));
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = kubeconfig }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("cannot deploy secret prod/api-tls: the Kubernetes API answered 401 Unauthorized: \"Unauthorized\"; check the kubeconfig user's credentials or the pod's service account token", error.Message);
    }

    [Fact]
    public async Task Deploy_ServerNotSignedByTheKubeconfigCa_ThrowsTransportAndSendsNothing()
    {
        using var otherRoot = TestPki.CreateRoot("Some Other CA");
        var kubeconfig = _api.WriteKubeconfig(_directory, "other-ca", otherRoot.CertificatePem);
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = kubeconfig }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.Equal(
            $"cannot deploy secret prod/api-tls: the Kubernetes API at https://127.0.0.1:{_api.Port} failed the TLS handshake: "
            + $"The remote certificate was rejected by the provided RemoteCertificateValidationCallback; check the certificate-authority in the kubeconfig '{kubeconfig}'",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Deploy_ApiUnreachable_ThrowsTransport()
    {
        var port = FreePort.Next();
        var kubeconfig = _directory.Write("closed", File.ReadAllText(_kubeconfig).Replace($":{_api.Port}", $":{port}", StringComparison.Ordinal));
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = kubeconfig }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(
            $"cannot deploy secret prod/api-tls: the Kubernetes API at https://127.0.0.1:{port} is unreachable: Connection refused (127.0.0.1:{port}); check the kubeconfig '{kubeconfig}' and the network",
            error.Message);
    }

    [Fact]
    public async Task Rollback_AfterReplace_RestoresPreviousDataLabelsAndAnnotations()
    {
        _api.Seed("prod", ExistingSecret());
        var before = _api.Get("prod", "api-tls")!;
        var sut = CreateSut(includeCaCrt: true);
        var receipt = await sut.DeployAsync(Bundle("api.internal").Bundle, default);

        await sut.RollbackAsync(receipt, default);

        Assert.Equal(["GET " + SecretPath, "PUT " + SecretPath, "GET " + SecretPath, "PUT " + SecretPath], _api.Requests.Select(r => r.ToString()));
        var after = _api.Get("prod", "api-tls")!;
        Assert.Equal(before["data"]!.ToJsonString(), after["data"]!.ToJsonString());
        Assert.Equal(before["metadata"]!["labels"]!.ToJsonString(), after["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(before["metadata"]!["annotations"]!.ToJsonString(), after["metadata"]!["annotations"]!.ToJsonString());
        Assert.Equal(((KubernetesSecretReceipt)receipt).ResourceVersion, (string?)_api.Requests[3].Body!["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Rollback_AfterCreate_LeavesTheSecretWithoutCallingTheApi()
    {
        var sut = CreateSut();
        var receipt = (KubernetesSecretReceipt)await sut.DeployAsync(Bundle("api.internal").Bundle, default);
        var deployed = _api.Get("prod", "api-tls")!.ToJsonString();

        await sut.RollbackAsync(receipt, default);

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(deployed, _api.Get("prod", "api-tls")!.ToJsonString());
    }

    [Fact]
    public async Task Rollback_SecretChangedSince_ThrowsStateAndLeavesIt()
    {
        _api.Seed("prod", ExistingSecret());
        var sut = CreateSut();
        var receipt = await sut.DeployAsync(Bundle("api.internal").Bundle, default);
        _api.Modify("prod", "api-tls", s => s["metadata"]!["labels"]!["edited"] = "by-hand");
        var changed = _api.Get("prod", "api-tls")!.ToJsonString();
        var sent = _api.Requests.Count;

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.RollbackAsync(receipt, default));

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.Equal("cannot roll back secret prod/api-tls: it changed after the deployment; it is left as it is", error.Message);
        Assert.Equal(changed, _api.Get("prod", "api-tls")!.ToJsonString());
        Assert.Equal(["GET " + SecretPath], _api.Requests.Skip(sent).Select(r => r.ToString()));
    }

    [Fact]
    public async Task Deploy_WithoutPrivateKey_ThrowsUsageWithoutCallingTheApi()
    {
        var error = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().DeployAsync(Bundle("csr.internal").Bundle with { PrivateKeyPkcs8 = null }, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("secret prod/api-tls needs the private key (tls.key), which a certificate issued from a CSR does not give; deploy it as files instead", error.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Deploy_KubeconfigMissing_ThrowsUsageNamingIt()
    {
        var path = _directory.File("nope.yaml");
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = path }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"kubeconfig '{path}' does not exist; check the path", error.Message);
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsUsageNamingEveryProblem()
    {
        var options = new KubernetesSecretOptions { Namespace = "Prod", Name = "api_tls", Context = "x", Timeout = TimeSpan.Zero };

        var error = Assert.Throws<CertwrightException>(() => new KubernetesSecretDeployer(options, _time));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(
            "Kubernetes namespace 'Prod' is not a valid name; use lower-case letters, digits and '-', at most 63; "
            + "Kubernetes secret name 'api_tls' is not a valid name; use lower-case letters, digits, '-' and '.', at most 253; "
            + "a kubeconfig context needs a kubeconfig file; give the file too, or no context to use the pod's service account; "
            + "Kubernetes request timeout 00:00:00 is out of range; give 1 s to 5 min",
            error.Message);
    }

    private KubernetesSecretDeployer CreateSut(bool includeCaCrt = false) =>
        new(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = _kubeconfig, IncludeCaCrt = includeCaCrt }, _time);

    private (CertificateBundle Bundle, TestCertificate Leaf, string KeyPem) Bundle(string name)
    {
        var leaf = TestPki.CreateLeaf(_intermediate, name);
        using var key = leaf.Certificate.GetECDsaPrivateKey()!;
        var pkcs8 = key.ExportPkcs8PrivateKey();
        return (new CertificateBundle(leaf.Der, [_intermediate.Der], pkcs8), leaf, new string(PemEncoding.Write("PRIVATE KEY", pkcs8)) + "\n");
    }

    private static Dictionary<string, string> Data(JsonObject secret) =>
        ((JsonObject)secret["data"]!).ToDictionary(p => p.Key, p => Encoding.ASCII.GetString(Convert.FromBase64String((string)p.Value!)), StringComparer.Ordinal);

    private static ApiFault Conflict() =>
        new(HttpStatusCode.Conflict, "Conflict", "Operation cannot be fulfilled on secrets \"api-tls\": the object has been modified; please apply your changes to the latest version and try again");

    private static JsonObject ExistingSecret() => new()
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
