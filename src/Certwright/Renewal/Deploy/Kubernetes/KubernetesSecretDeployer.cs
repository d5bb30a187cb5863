using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// Deploys a certificate as a <c>kubernetes.io/tls</c> Secret (what Ingress controllers and most charts read): creates it,
/// or replaces its tls.crt/tls.key (and ca.crt) keeping every other key, label, annotation and owner. Replacement is
/// optimistic (the resourceVersion read is sent back; on 409 Conflict the Secret is read again and the update retried
/// once), so a concurrent writer is never overwritten blindly. A rollback puts the previous data, labels and annotations
/// back unless someone changed the Secret since; a Secret the deployment created stays (nothing older to restore, as
/// <see cref="DirectoryDeployer"/> does), so the ServiceAccount needs no delete right.
/// </summary>
public sealed class KubernetesSecretDeployer : ICertificateDeployer
{
    private readonly KubernetesSecretOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly KubernetesConnection _connection;

    /// <exception cref="CertwrightException">Usage: the options are not usable (every problem is named).</exception>
    public KubernetesSecretDeployer(KubernetesSecretOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, KubernetesConnection.Default)
    {
    }

    /// <summary>For tests: the in-cluster configuration read from another environment and service-account directory.</summary>
    internal KubernetesSecretDeployer(KubernetesSecretOptions options, TimeProvider timeProvider, KubernetesConnection connection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new CertwrightException(ErrorKind.Usage, string.Join("; ", errors));
        }

        _options = options;
        _timeProvider = timeProvider;
        _connection = connection;
        Target = $"secret {options.Namespace}/{options.Name}";
    }

    public string Target { get; }

    public async Task<DeploymentReceipt> DeployAsync(CertificateBundle bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.PrivateKeyPkcs8 is null)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{Target} needs the private key (tls.key), which a certificate issued from a CSR does not give; deploy it as files instead");
        }

        var content = TlsSecretContent.From(bundle, _options.IncludeCaCrt, _timeProvider.GetUtcNow());
        return await CallAsync("deploy", async api =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await DeployOnceAsync(api, content, cancellationToken);
                }
                catch (Exception e) when (attempt == 1 && (KubernetesApiErrors.IsStatus(e, HttpStatusCode.Conflict) || KubernetesApiErrors.IsStatus(e, HttpStatusCode.NotFound)))
                {
                    // Someone wrote (409) or deleted (404 on PUT) the Secret between our read and our write: read it again.
                }
                catch (Exception e) when (KubernetesApiErrors.IsStatus(e, HttpStatusCode.Conflict))
                {
                    throw KubernetesApiErrors.Changed("deploy", Target);
                }
            }
        }, cancellationToken);
    }

    public async Task RollbackAsync(DeploymentReceipt receipt, CancellationToken cancellationToken)
    {
        if (receipt is not KubernetesSecretReceipt mine || mine.Namespace != _options.Namespace || mine.Name != _options.Name)
        {
            throw new ArgumentException($"the receipt is not from {Target}", nameof(receipt));
        }

        if (mine.Previous is not { } previous)
        {
            return;
        }

        await CallAsync("roll back", async api =>
        {
            var current = await api.ReadAsync(_options.Namespace, _options.Name, cancellationToken);
            if (current is null || ResourceVersion(current) != mine.ResourceVersion)
            {
                throw new CertwrightException(ErrorKind.State, $"cannot roll back {Target}: it changed after the deployment; it is left as it is");
            }

            current["data"] = previous.Data?.DeepClone();
            current["metadata"]!["labels"] = previous.Labels?.DeepClone();
            current["metadata"]!["annotations"] = previous.Annotations?.DeepClone();
            await api.ReplaceAsync(_options.Namespace, _options.Name, current, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private async Task<KubernetesSecretReceipt> DeployOnceAsync(SecretsApi api, TlsSecretContent content, CancellationToken cancellationToken)
    {
        var existing = await api.ReadAsync(_options.Namespace, _options.Name, cancellationToken);
        if (existing is null)
        {
            var created = await api.CreateAsync(_options.Namespace, content.NewSecret(_options.Namespace, _options.Name), cancellationToken);
            return new KubernetesSecretReceipt(Target, _options.Namespace, _options.Name, ResourceVersion(created));
        }

        var type = Text(existing["type"]);
        if (type != TlsSecretContent.SecretType)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot deploy {Target}: it exists with type '{type}', not {TlsSecretContent.SecretType}, and a Secret's type cannot change; delete it or choose another name");
        }

        if (existing["immutable"]?.GetValueKind() == JsonValueKind.True)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot deploy {Target}: it is immutable; delete it or choose another name");
        }

        var metadata = existing["metadata"]!;
        var previous = new PreviousSecret(existing["data"], metadata["labels"], metadata["annotations"]);
        content.ApplyTo(existing);
        var replaced = await api.ReplaceAsync(_options.Namespace, _options.Name, existing, cancellationToken);
        return new KubernetesSecretReceipt(Target, _options.Namespace, _options.Name, ResourceVersion(replaced)) { Previous = previous };
    }

    /// <summary>Runs <paramref name="call"/> against the configured API server and maps its failures to one-line errors.</summary>
    private async Task<T> CallAsync<T>(string action, Func<SecretsApi, Task<T>> call, CancellationToken cancellationToken)
    {
        using var endpoint = await _connection.EndpointAsync(_options, cancellationToken);
        try
        {
            using var http = endpoint.CreateHttpClient(_options.Timeout);
            return await call(new SecretsApi(http));
        }
        catch (Exception e) when (e is not CertwrightException && !cancellationToken.IsCancellationRequested && KubernetesApiErrors.IsClientFailure(e))
        {
            throw KubernetesApiErrors.Map(e, action, _options, endpoint.Server.AbsoluteUri.TrimEnd('/'));
        }
    }

    private static string ResourceVersion(JsonObject secret) =>
        Text(secret["metadata"]?["resourceVersion"]) ?? throw new KubernetesApiException(HttpStatusCode.OK, "answered a Secret without metadata.resourceVersion", null);

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
