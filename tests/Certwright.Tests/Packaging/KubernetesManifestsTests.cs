using Certwright.Monitoring.Configuration;
using Cronos;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Certwright.Tests.Packaging;

public sealed class KubernetesManifestsTests
{
    private const string Namespace = "certwright";
    private readonly KubernetesManifests _manifests = KubernetesManifests.Load();

    [Fact]
    public void Load_EveryManifest_IsOneTypedObjectOfTheExpectedKindInTheNamespace()
    {
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["configmap.yaml"] = nameof(V1ConfigMap),
                ["cronjob.yaml"] = nameof(V1CronJob),
                ["deployment.yaml"] = nameof(V1Deployment),
                ["namespace.yaml"] = nameof(V1Namespace),
                ["persistentvolumeclaim.yaml"] = nameof(V1PersistentVolumeClaim),
                ["role.yaml"] = nameof(V1Role),
                ["rolebinding.yaml"] = nameof(V1RoleBinding),
                ["service.yaml"] = nameof(V1Service),
                ["serviceaccount.yaml"] = nameof(V1ServiceAccount),
            },
            _manifests.ByFile.ToDictionary(f => f.Key, f => Assert.Single(f.Value).GetType().Name));
        Assert.Equal(Namespace, _manifests.Single<V1Namespace>().Metadata.Name);
        Assert.All(_manifests.All.Where(o => o is not V1Namespace), o => Assert.Equal(Namespace, ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty));
    }

    [Fact]
    public void CronJob_RunsRenewForItsNamespaceAsTheServiceAccountWhoseRoleUpdatesSecrets()
    {
        var pod = _manifests.Single<V1CronJob>().Spec.JobTemplate.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(["certwright", "renew", "--namespace", "$(POD_NAMESPACE)"], container.Command.Concat(container.Args));
        var podNamespace = Assert.Single(container.Env, e => e.Name == "POD_NAMESPACE");
        Assert.Equal("metadata.namespace", podNamespace.ValueFrom.FieldRef.FieldPath);
        Assert.Equal("certwright", pod.ServiceAccountName);
        Assert.Equal("certwright", Assert.Single(_manifests.All.OfType<V1ServiceAccount>()).Metadata.Name);
        var rule = Assert.Single(_manifests.RoleBoundTo(pod.ServiceAccountName, Namespace).Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["secrets"], rule.Resources);
        Assert.Equal(["create", "get", "list", "patch", "update"], rule.Verbs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CronJob_IsDailyWithoutOverlapAsNonRootOnAReadOnlyRoot()
    {
        var cron = _manifests.Single<V1CronJob>();
        var expression = CronExpression.Parse(cron.Spec.Schedule);
        var first = expression.GetNextOccurrence(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc))!.Value;
        var runs = Enumerable.Range(0, 7).Aggregate(new List<DateTime> { first }, (list, _) => [.. list, expression.GetNextOccurrence(list[^1])!.Value]);

        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.Equal(TimeSpan.FromDays(1), pair.Second - pair.First));
        Assert.Equal("Forbid", cron.Spec.ConcurrencyPolicy);
        Assert.Equal("Etc/UTC", cron.Spec.TimeZone);
        var pod = cron.Spec.JobTemplate.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        AssertHardened(pod);
    }

    [Fact]
    public void Deployment_RunsServeOnTheServicePortWithProbesAsTheServiceAccount()
    {
        var deployment = _manifests.Single<V1Deployment>();
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(["certwright", "serve", "--listen", "http://0.0.0.0:8080"], container.Command.Concat(container.Args));
        var port = Assert.Single(container.Ports);
        Assert.Equal(("http", 8080), (port.Name, port.ContainerPort));
        Assert.Equal(("/healthz", "http"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value));
        Assert.Equal(("/healthz", "http"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value));
        Assert.Equal(("/healthz", "http"), (container.StartupProbe.HttpGet.Path, container.StartupProbe.HttpGet.Port.Value));
        Assert.Equal("certwright", pod.ServiceAccountName);
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal("Recreate", deployment.Spec.Strategy.Type);
        AssertHardened(pod);

        var service = _manifests.Single<V1Service>();
        Assert.Equal("http", Assert.Single(service.Spec.Ports).TargetPort.Value);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, service.Spec.Selector);
        Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, deployment.Spec.Template.Metadata.Labels[l.Key]));
    }

    [Fact]
    public void CronJob_LandsOnTheServerNodeToShareItsReadWriteOnceVolume()
    {
        var term = Assert.Single(_manifests.Single<V1CronJob>().Spec.JobTemplate.Spec.Template.Spec.Affinity.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution);

        Assert.Equal("kubernetes.io/hostname", term.TopologyKey);
        Assert.Equal(_manifests.Single<V1Deployment>().Spec.Template.Metadata.Labels, term.LabelSelector.MatchLabels);
        Assert.Equal(["ReadWriteOnce"], _manifests.Single<V1PersistentVolumeClaim>().Spec.AccessModes);
    }

    [Fact]
    public void Pods_MountTheDataVolumeAndTheConfigurationWhereCertwrightReadsThem()
    {
        var claim = _manifests.Single<V1PersistentVolumeClaim>().Metadata.Name;
        var configMap = _manifests.Single<V1ConfigMap>();
        foreach (var pod in new[] { _manifests.Single<V1CronJob>().Spec.JobTemplate.Spec.Template.Spec, _manifests.Single<V1Deployment>().Spec.Template.Spec })
        {
            var container = Assert.Single(pod.Containers);
            var dataDirectory = Assert.Single(container.Env, e => e.Name == "CERTWRIGHT_DATA").Value;
            Assert.Equal("/var/lib/certwright", dataDirectory);
            Assert.Equal(claim, Assert.Single(pod.Volumes, v => v.Name == "data").PersistentVolumeClaim.ClaimName);
            Assert.Equal(configMap.Metadata.Name, Assert.Single(pod.Volumes, v => v.Name == "config").ConfigMap.Name);
            Assert.Equal(dataDirectory, Assert.Single(container.VolumeMounts, m => m.Name == "data").MountPath);
            var config = Assert.Single(container.VolumeMounts, m => m.Name == "config");
            Assert.Equal(($"{dataDirectory}/{MonitorConstants.ConfigFileName}", MonitorConstants.ConfigFileName, true), (config.MountPath, config.SubPath, config.ReadOnlyProperty!.Value));
            Assert.Equal("/tmp", Assert.Single(container.VolumeMounts, m => m.Name == "tmp").MountPath);
        }
    }

    [Fact]
    public void ConfigMap_CertwrightYaml_IsAValidConfiguration()
    {
        var text = _manifests.Single<V1ConfigMap>().Data[MonitorConstants.ConfigFileName];

        var configuration = MonitorConfigurationLoader.Parse(text, "/var/lib/certwright/certwright.yaml");

        Assert.Empty(configuration.Targets);
        Assert.Equal(new Certwright.Policy.ExpiryThresholds(TimeSpan.FromDays(21), TimeSpan.FromDays(7)), configuration.Defaults.Thresholds);
        Assert.Equal(TimeSpan.FromDays(400), configuration.Defaults.KeepHistory);
    }

    [Fact]
    public void Rbac_GrantsNothingClusterWideAndNoDelete()
    {
        Assert.DoesNotContain(_manifests.All, o => o is V1ClusterRole or V1ClusterRoleBinding);
        var role = _manifests.Single<V1Role>();
        Assert.All(role.Rules, r => Assert.DoesNotContain(r.Verbs, v => v is "*" or "delete" or "deletecollection"));
        Assert.All(role.Rules, r => Assert.DoesNotContain("*", r.Resources));
    }

    [Fact]
    public void Kustomization_ListsEveryManifestAndNamesTheImageThePodsUse()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(RepositoryFiles.Read(KubernetesManifests.Directory, "kustomization.yaml")));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        var resources = ((YamlSequenceNode)root["resources"]).Select(n => n.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(KubernetesManifests.Files(), resources);
        Assert.Equal(Namespace, root["namespace"].ToString());
        var image = Assert.Single((YamlSequenceNode)root["images"]);
        var imageName = ((YamlMappingNode)image)["name"].ToString();
        var podImages = new[] { _manifests.Single<V1CronJob>().Spec.JobTemplate.Spec.Template.Spec, _manifests.Single<V1Deployment>().Spec.Template.Spec }
            .Select(p => Assert.Single(p.Containers).Image.Split(':')[0]);
        Assert.All(podImages, i => Assert.Equal(imageName, i));
    }

    /// <summary>Non-root (numeric, so the kubelet can check it), no privilege escalation, no capabilities, read-only root.</summary>
    private static void AssertHardened(V1PodSpec pod)
    {
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(DockerfileModel.Load().User, pod.SecurityContext.RunAsUser);
        Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var container = Assert.Single(pod.Containers);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
    }
}
