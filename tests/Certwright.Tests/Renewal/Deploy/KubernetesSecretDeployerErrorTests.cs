using System.Net;
using System.Text;
using Certwright.Renewal.Deploy.Kubernetes;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Renewal.Deploy;

public sealed class KubernetesSecretDeployerErrorTests : KubernetesSecretDeployerTestBase
{
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
}
