using k8s;
using k8s.Autorest;
using k8s.Exceptions;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>The client configuration for the options: a kubeconfig file (and context), or the pod's service account.</summary>
internal static class KubernetesConnection
{
    public static async Task<KubernetesClientConfiguration> ConfigurationAsync(KubernetesSecretOptions options, CancellationToken cancellationToken)
    {
        KubernetesClientConfiguration configuration;
        if (options.KubeconfigPath is { } path)
        {
            if (!File.Exists(path))
            {
                throw new CertwrightException(ErrorKind.Usage, $"kubeconfig '{path}' does not exist; check the path");
            }

            cancellationToken.ThrowIfCancellationRequested();
            configuration = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(path), options.Context);
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            configuration = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            throw new CertwrightException(ErrorKind.Usage, $"no Kubernetes connection for secret {options.Namespace}/{options.Name}: not running in a pod with a service account; give a kubeconfig file");
        }

        configuration.HttpClientTimeout = options.Timeout;
        return configuration;
    }

    /// <summary>Failures of the client or the API server (as opposed to bugs), which become one-line errors.</summary>
    public static bool IsClientFailure(Exception e) =>
        e is HttpOperationException or KubeConfigException or HttpRequestException or OperationCanceledException;
}
