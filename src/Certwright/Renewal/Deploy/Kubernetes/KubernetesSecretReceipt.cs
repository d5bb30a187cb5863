using System.Text.Json.Nodes;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// What one <see cref="KubernetesSecretDeployer"/> deployment replaced: the Secret's data, labels and annotations before it
/// (in memory only: they hold the old private key), and the resourceVersion the deployment left, so a rollback can tell
/// whether anyone changed the Secret since.
/// </summary>
/// <param name="Target">The deployer's target, <c>secret NAMESPACE/NAME</c>.</param>
/// <param name="Namespace">The Secret's namespace.</param>
/// <param name="Name">The Secret's name.</param>
/// <param name="ResourceVersion">The Secret's resourceVersion after the deployment.</param>
public sealed record KubernetesSecretReceipt(string Target, string Namespace, string Name, string ResourceVersion) : DeploymentReceipt(Target)
{
    /// <summary>Whether the deployment created the Secret (a rollback then has nothing to restore and leaves it).</summary>
    public bool Created => Previous is null;

    internal PreviousSecret? Previous { get; init; }
}

/// <summary>The parts of a Secret a deployment changes, as they were before it.</summary>
internal sealed record PreviousSecret(JsonNode? Data, JsonNode? Labels, JsonNode? Annotations);
