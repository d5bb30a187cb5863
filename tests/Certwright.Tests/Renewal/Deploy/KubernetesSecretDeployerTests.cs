using Certwright.Renewal.Deploy.Kubernetes;

namespace Certwright.Tests.Renewal.Deploy;

public sealed class KubernetesSecretDeployerTests : KubernetesSecretDeployerTestBase
{
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
    public async Task Deploy_BodiesReadByKubernetesClientTypedModel_AsATlsSecret()
    {
        // The deployer writes JSON itself (no KubernetesClient in the AOT core): KubernetesClient's own model must read it.
        var (bundle, leaf, keyPem) = Bundle("api.internal");
        await CreateSut().DeployAsync(bundle, default);
        await CreateSut(includeCaCrt: true).DeployAsync(bundle, default);

        var created = k8s.KubernetesJson.Deserialize<k8s.Models.V1Secret>(_api.Requests[1].Body!.ToJsonString());
        var replaced = k8s.KubernetesJson.Deserialize<k8s.Models.V1Secret>(_api.Requests[3].Body!.ToJsonString());

        Assert.Equal(["GET " + SecretPath, "POST " + CollectionPath, "GET " + SecretPath, "PUT " + SecretPath], _api.Requests.Select(r => r.ToString()));
        Assert.Equal("kubernetes.io/tls", created.Type);
        Assert.Equal(("v1", "Secret"), (created.ApiVersion, created.Kind));
        Assert.Equal(leaf.CertificatePem + _intermediate.CertificatePem, System.Text.Encoding.ASCII.GetString(created.Data["tls.crt"]));
        Assert.Equal(keyPem, System.Text.Encoding.ASCII.GetString(created.Data["tls.key"]));
        Assert.Equal(leaf.Sha256, created.Metadata.Annotations["certwright.io/fingerprint-sha256"]);
        Assert.False(string.IsNullOrEmpty(replaced.Metadata.ResourceVersion));
        Assert.Equal(_intermediate.CertificatePem, System.Text.Encoding.ASCII.GetString(replaced.Data["ca.crt"]));
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
}
