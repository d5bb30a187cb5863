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
    public const string PathSetting = "path";

    /// <summary>A directory in certbot's live/ layout (<c>--deploy-dir</c>).</summary>
    public static DeployTarget Directory(string path) =>
        new(DirectoryKind, new Dictionary<string, string>(StringComparer.Ordinal) { [PathSetting] = Path.GetFullPath(path) });

    /// <summary>A setting the deployer requires.</summary>
    /// <exception cref="CertwrightException">State: the stored target lacks it.</exception>
    public string Require(string name) =>
        Settings.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new CertwrightException(ErrorKind.State, $"deploy target '{Kind}' has no '{name}' setting; remove the managed certificate and add it again");

    public override string ToString() => Kind == DirectoryKind && Settings.TryGetValue(PathSetting, out var path) ? $"dir {path}" : Kind;
}
