using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Certwright.Internal;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// Where the API server is and how to authenticate: the kubeconfig file of the options, or else the pod's service
/// account (KUBERNETES_SERVICE_HOST/PORT, and the token and CA mounted into every pod). The token is read at every
/// deployment: projected service-account tokens are rotated by the kubelet.
/// </summary>
internal sealed class KubernetesConnection(Func<string, string?> getEnvironmentVariable, string serviceAccountDirectory)
{
    /// <summary>Where Kubernetes mounts a pod's service-account token, CA and namespace.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static KubernetesConnection Default { get; } = new(Environment.GetEnvironmentVariable, DefaultServiceAccountDirectory);

    public Task<KubernetesEndpoint> EndpointAsync(KubernetesSecretOptions options, CancellationToken cancellationToken) =>
        options.KubeconfigPath is { } path ? KubeconfigReader.ReadAsync(path, options.Context, cancellationToken) : InClusterAsync(options, cancellationToken);

    private async Task<KubernetesEndpoint> InClusterAsync(KubernetesSecretOptions options, CancellationToken cancellationToken)
    {
        var host = getEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = getEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || !File.Exists(tokenFile))
        {
            throw new CertwrightException(ErrorKind.Usage, $"no Kubernetes connection for secret {options.Namespace}/{options.Name}: not running in a pod with a service account; give a kubeconfig file");
        }

        var token = Encoding.UTF8.GetString(await BoundedFile.ReadAllBytesAsync(tokenFile, 64 * 1024, "service account token", cancellationToken)).Trim();
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(Encoding.UTF8.GetString(await BoundedFile.ReadAllBytesAsync(Path.Combine(serviceAccountDirectory, "ca.crt"), 1024 * 1024, "service account CA", cancellationToken)));
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new KubernetesEndpoint
        {
            Server = new Uri($"https://{hostPart}:{port}/"),
            CertificateAuthorities = authorities,
            Authorization = new AuthenticationHeaderValue("Bearer", token),
        };
    }
}
