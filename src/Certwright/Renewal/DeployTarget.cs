namespace Certwright.Renewal;

/// <summary>
/// One place a managed certificate is deployed to, stored generally as a kind and its settings, so deployers added later
/// (PKCS#12, Kubernetes secret) need no schema change: <c>dir</c> with <c>path</c>, and whatever kinds a
/// <see cref="DeployerRegistry"/> knows.
/// </summary>
/// <param name="Kind">The deployer kind, e.g. <c>dir</c>.</param>
/// <param name="Settings">The deployer's settings (no secrets: a password is given as a file path).</param>
public sealed record DeployTarget(string Kind, IReadOnlyDictionary<string, string> Settings)
{
    public const string DirectoryKind = "dir";
    public const string Pkcs12Kind = "pkcs12";
    public const string KubernetesSecretKind = "k8s-secret";
    public const string PathSetting = "path";
    public const string PasswordFileSetting = "password-file";
    public const string PasswordEnvironmentSetting = "password-env";
    public const string NamespaceSetting = "namespace";
    public const string NameSetting = "name";
    public const string KubeconfigSetting = "kubeconfig";
    public const string ContextSetting = "context";

    /// <summary>A directory in certbot's live/ layout (<c>--deploy-dir</c>).</summary>
    public static DeployTarget Directory(string path) =>
        new(DirectoryKind, new Dictionary<string, string>(StringComparer.Ordinal) { [PathSetting] = Path.GetFullPath(path) });

    /// <summary>A PKCS#12 file (<c>--deploy-p12</c>), its password read at deploy time from a file or an environment variable.</summary>
    public static DeployTarget Pkcs12(string path, string? passwordFile, string? passwordEnvironmentVariable) =>
        new(Pkcs12Kind, SettingsOf((PathSetting, Path.GetFullPath(path)), (PasswordFileSetting, passwordFile is null ? null : Path.GetFullPath(passwordFile)), (PasswordEnvironmentSetting, passwordEnvironmentVariable)));

    /// <summary>A Kubernetes TLS secret (<c>--deploy-k8s-secret NS/NAME</c>); no kubeconfig: the pod's service account.</summary>
    public static DeployTarget KubernetesSecret(string @namespace, string name, string? kubeconfig, string? context) =>
        new(KubernetesSecretKind, SettingsOf((NamespaceSetting, @namespace), (NameSetting, name), (KubeconfigSetting, kubeconfig is null ? null : Path.GetFullPath(kubeconfig)), (ContextSetting, context)));

    /// <summary>An optional setting; null when absent.</summary>
    public string? Optional(string name) => Settings.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>A setting the deployer requires.</summary>
    /// <exception cref="CertwrightException">State: the stored target lacks it.</exception>
    public string Require(string name) =>
        Settings.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new CertwrightException(ErrorKind.State, $"deploy target '{Kind}' has no '{name}' setting; remove the managed certificate and add it again");

    public override string ToString() => Kind switch
    {
        DirectoryKind when Optional(PathSetting) is { } path => $"dir {path}",
        Pkcs12Kind when Optional(PathSetting) is { } path => $"pkcs12 {path}",
        KubernetesSecretKind => $"secret {Optional(NamespaceSetting)}/{Optional(NameSetting)}",
        _ => Kind,
    };

    private static Dictionary<string, string> SettingsOf(params (string Name, string? Value)[] settings) =>
        settings.Where(s => s.Value is not null).ToDictionary(s => s.Name, s => s.Value!, StringComparer.Ordinal);
}
