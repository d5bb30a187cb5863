using System.Text.RegularExpressions;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>Which <c>kubernetes.io/tls</c> Secret <see cref="KubernetesSecretDeployer"/> writes and how it reaches the API server.</summary>
public sealed partial record KubernetesSecretOptions
{
    /// <summary>Per-request time limit against the API server.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The Secret's namespace (a DNS-1123 label).</summary>
    public required string Namespace { get; init; }

    /// <summary>The Secret's name (a DNS-1123 subdomain), e.g. the name an Ingress's <c>tls.secretName</c> gives.</summary>
    public required string Name { get; init; }

    /// <summary>A kubeconfig file; null uses the pod's service account (in-cluster: the CronJob in deploy/kubernetes/).</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>The kubeconfig context to use. <value>Default: the file's current-context.</value></summary>
    /// <remarks>Only with <see cref="KubeconfigPath"/>.</remarks>
    public string? Context { get; init; }

    /// <summary>Also write <c>ca.crt</c>: the topmost certificate of the chain (the one issued by the root, or the root when the chain carries it).</summary>
    /// <value>Default: false (the Secret has tls.crt and tls.key only).</value>
    public bool IncludeCaCrt { get; init; }

    /// <summary>Time limit of each request. <value>Default: 30 s.</value></summary>
    /// <remarks>1 s to 5 min (checked by <see cref="Validate"/>; a TimeSpan [Range] is not trimming-safe).</remarks>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Every problem with these options, each with its fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Namespace is null || Namespace.Length > 63 || !LabelPattern().IsMatch(Namespace))
        {
            errors.Add($"Kubernetes namespace '{Namespace}' is not a valid name; use lower-case letters, digits and '-', at most 63");
        }

        if (Name is null || Name.Length > 253 || !SubdomainPattern().IsMatch(Name))
        {
            errors.Add($"Kubernetes secret name '{Name}' is not a valid name; use lower-case letters, digits, '-' and '.', at most 253");
        }

        if (Context is not null && KubeconfigPath is null)
        {
            errors.Add("a kubeconfig context needs a kubeconfig file; give the file too, or no context to use the pod's service account");
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Kubernetes request timeout {Timeout} is out of range; give 1 s to 5 min");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();
}
