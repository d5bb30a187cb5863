using System.Security.Cryptography.X509Certificates;
using Certwright.Renewal.Deploy;
using Certwright.Renewal.Deploy.Kubernetes;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Renewal.Deploy;

/// <summary>How the deployer reaches the API server: the pod's service account, or kubeconfig contexts, files and plugins.</summary>
public sealed class KubernetesConnectionTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly TestCertificate _root = TestPki.CreateRoot();
    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _root.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Deploy_InCluster_UsesTheServiceAccountTokenAndCaAndTheServiceHost()
    {
        _directory.Write("sa/token", FakeKubernetesApi.Token + "\n");
        _directory.Write("sa/ca.crt", _api.CaPem);
        var environment = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = $"{_api.Port}" };
        var sut = new KubernetesSecretDeployer(
            new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls" },
            _time,
            new KubernetesConnection(n => environment.GetValueOrDefault(n), _directory.File("sa")));

        var receipt = (KubernetesSecretReceipt)await sut.DeployAsync(Bundle(), default);

        Assert.True(receipt.Created);
        Assert.Equal(["GET /api/v1/namespaces/prod/secrets/api-tls", "POST /api/v1/namespaces/prod/secrets"], _api.Requests.Select(r => r.ToString()));
        Assert.All(_api.Requests, r => Assert.Equal($"Bearer {FakeKubernetesApi.Token}", r.Authorization));
    }

    [Fact]
    public async Task Deploy_InClusterOutsideAPod_ThrowsUsageAskingForAKubeconfig()
    {
        var sut = new KubernetesSecretDeployer(
            new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls" },
            _time,
            new KubernetesConnection(_ => null, _directory.File("no-sa")));

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle(), default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("no Kubernetes connection for secret prod/api-tls: not running in a pod with a service account; give a kubeconfig file", error.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Deploy_KubeconfigContextWithRelativeCaFileAndTokenFile_UsesThatContext()
    {
        _directory.Write("kube/ca.pem", _api.CaPem);
        _directory.Write("kube/token", FakeKubernetesApi.Token + "\n");
        var kubeconfig = _directory.Write("kube/config", $"""
            apiVersion: v1
            kind: Config
            current-context: elsewhere
            clusters:
            - name: elsewhere
              cluster: {"{"}server: "https://127.0.0.1:1"{"}"}
            - name: fake
              cluster:
                server: https://localhost:{_api.Port}
                certificate-authority: ca.pem
            contexts:
            - name: elsewhere
              context: {"{"}cluster: elsewhere, user: nobody{"}"}
            - name: fake
              context: {"{"}cluster: fake, user: certwright{"}"}
            users:
            - name: nobody
              user: {"{"}token: wrong{"}"}
            - name: certwright
              user:
                tokenFile: token
            """);
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = kubeconfig, Context = "fake" }, _time);

        await sut.DeployAsync(Bundle(), default);

        Assert.NotNull(_api.Get("prod", "api-tls"));
        Assert.All(_api.Requests, r => Assert.Equal($"Bearer {FakeKubernetesApi.Token}", r.Authorization));
    }

    [Fact]
    public async Task Deploy_KubeconfigUserWithExecPlugin_ThrowsUsageNamingTheWayOut()
    {
        var kubeconfig = _directory.Write("exec", $"""
            apiVersion: v1
            current-context: eks
            clusters:
            - name: eks
              cluster: {"{"}server: "https://127.0.0.1:{_api.Port}"{"}"}
            contexts:
            - name: eks
              context: {"{"}cluster: eks, user: aws{"}"}
            users:
            - name: aws
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
            """);
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = kubeconfig }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle(), default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"kubeconfig '{kubeconfig}' user 'aws' gets its credentials from a plugin, which Certwright does not run; give a token (kubectl create token) or a client certificate instead", error.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Deploy_KubeconfigUnknownContext_ThrowsUsage()
    {
        var kubeconfig = _api.WriteKubeconfig(_directory);
        var sut = new KubernetesSecretDeployer(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = kubeconfig, Context = "staging" }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle(), default));

        Assert.Equal($"kubeconfig '{kubeconfig}' has no context 'staging' in contexts; check the name", error.Message);
    }

    [Fact]
    public async Task Deploy_ServerCertificateWithoutTheUrlsHost_FailsUnlessTlsServerNameNamesIt()
    {
        await using var api = await FakeKubernetesApi.StartAsync(["kubernetes.default.svc"]);
        var plain = api.WriteKubeconfig(_directory, "plain");
        var named = _directory.Write("named", File.ReadAllText(plain).Replace("    certificate-authority-data:", "    tls-server-name: kubernetes.default.svc\n    certificate-authority-data:", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<CertwrightException>(() => Deployer(plain).DeployAsync(Bundle(), default));
        await Deployer(named).DeployAsync(Bundle(), default);

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.Contains("failed the TLS handshake", error.Message, StringComparison.Ordinal);
        Assert.Equal(["GET /api/v1/namespaces/prod/secrets/api-tls", "POST /api/v1/namespaces/prod/secrets"], api.Requests.Select(r => r.ToString()));
    }

    private KubernetesSecretDeployer Deployer(string kubeconfig) =>
        new(new KubernetesSecretOptions { Namespace = "prod", Name = "api-tls", KubeconfigPath = kubeconfig }, _time);

    private CertificateBundle Bundle()
    {
        using var leaf = TestPki.CreateLeaf(_root, "api.internal");
        using var key = leaf.Certificate.GetECDsaPrivateKey()!;
        return new CertificateBundle(leaf.Der, [_root.Der], key.ExportPkcs8PrivateKey());
    }
}
