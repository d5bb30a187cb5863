using k8s;
using k8s.Models;

namespace Certwright.Tests.Packaging;

/// <summary>Every manifest of deploy/kubernetes/ loaded with KubernetesClient's typed YAML model, by file.</summary>
internal sealed class KubernetesManifests
{
    public const string Directory = "deploy/kubernetes";

    private KubernetesManifests(IReadOnlyDictionary<string, IReadOnlyList<IKubernetesObject>> byFile)
    {
        ByFile = byFile;
        All = [.. byFile.Values.SelectMany(o => o)];
    }

    public IReadOnlyDictionary<string, IReadOnlyList<IKubernetesObject>> ByFile { get; }

    public IReadOnlyList<IKubernetesObject> All { get; }

    /// <summary>The manifest files (every *.yaml except the kustomization, which is not a Kubernetes object).</summary>
    public static IReadOnlyList<string> Files() =>
    [
        .. System.IO.Directory.GetFiles(RepositoryFiles.PathOf(Directory), "*.yaml")
            .Select(Path.GetFileName)
            .Where(n => n != "kustomization.yaml")
            .Order(StringComparer.Ordinal)!,
    ];

    public static KubernetesManifests Load() => new(Files().ToDictionary(
        f => f,
        f => (IReadOnlyList<IKubernetesObject>)[.. KubernetesYaml.LoadAllFromString(RepositoryFiles.Read(Directory, f)).Cast<IKubernetesObject>()],
        StringComparer.Ordinal));

    public T Single<T>()
        where T : IKubernetesObject => Assert.Single(All.OfType<T>());

    public V1Role RoleBoundTo(string serviceAccount, string ns)
    {
        var binding = Assert.Single(All.OfType<V1RoleBinding>(), b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == serviceAccount && s.NamespaceProperty == ns));
        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef.ApiGroup);
        Assert.Equal(ns, binding.Metadata.NamespaceProperty);
        return Assert.Single(All.OfType<V1Role>(), r => r.Metadata.Name == binding.RoleRef.Name && r.Metadata.NamespaceProperty == ns);
    }
}
