using System.Net;
using k8s;
using k8s.Models;

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

    /// <exception cref="CertwrightException">Usage: the options are not usable (every problem is named).</exception>
    public KubernetesSecretDeployer(KubernetesSecretOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new CertwrightException(ErrorKind.Usage, string.Join("; ", errors));
        }

        _options = options;
        _timeProvider = timeProvider;
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
        return await CallAsync("deploy", async client =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await DeployOnceAsync(client, content, cancellationToken);
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

        await CallAsync("roll back", async client =>
        {
            var current = await ReadAsync(client, cancellationToken);
            if (current is null || current.Metadata.ResourceVersion != mine.ResourceVersion)
            {
                throw new CertwrightException(ErrorKind.State, $"cannot roll back {Target}: it changed after the deployment; it is left as it is");
            }

            current.Data = previous.Data;
            current.Metadata.Labels = previous.Labels;
            current.Metadata.Annotations = previous.Annotations;
            await client.CoreV1.ReplaceNamespacedSecretAsync(current, _options.Name, _options.Namespace, cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);
    }

    private async Task<KubernetesSecretReceipt> DeployOnceAsync(IKubernetes client, TlsSecretContent content, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(client, cancellationToken);
        if (existing is null)
        {
            var created = await client.CoreV1.CreateNamespacedSecretAsync(content.NewSecret(_options.Namespace, _options.Name), _options.Namespace, cancellationToken: cancellationToken);
            return new KubernetesSecretReceipt(Target, _options.Namespace, _options.Name, created.Metadata.ResourceVersion);
        }

        if (existing.Type != TlsSecretContent.SecretType)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot deploy {Target}: it exists with type '{existing.Type}', not {TlsSecretContent.SecretType}, and a Secret's type cannot change; delete it or choose another name");
        }

        if (existing.Immutable == true)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot deploy {Target}: it is immutable; delete it or choose another name");
        }

        var previous = new PreviousSecret(existing.Data ?? new Dictionary<string, byte[]>(), existing.Metadata.Labels, existing.Metadata.Annotations);
        content.ApplyTo(existing);
        var replaced = await client.CoreV1.ReplaceNamespacedSecretAsync(existing, _options.Name, _options.Namespace, cancellationToken: cancellationToken);
        return new KubernetesSecretReceipt(Target, _options.Namespace, _options.Name, replaced.Metadata.ResourceVersion) { Previous = previous };
    }

    private async Task<V1Secret?> ReadAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(_options.Name, _options.Namespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (KubernetesApiErrors.IsStatus(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="call"/> with a client for the configured cluster and maps its failures to one-line errors.</summary>
    private async Task<T> CallAsync<T>(string action, Func<IKubernetes, Task<T>> call, CancellationToken cancellationToken)
    {
        string? host = null;
        try
        {
            var configuration = await KubernetesConnection.ConfigurationAsync(_options, cancellationToken);
            host = configuration.Host;
            using var client = new k8s.Kubernetes(configuration);
            return await call(client);
        }
        catch (Exception e) when (e is not CertwrightException && !cancellationToken.IsCancellationRequested && KubernetesConnection.IsClientFailure(e))
        {
            throw KubernetesApiErrors.Map(e, action, _options, host);
        }
    }
}
