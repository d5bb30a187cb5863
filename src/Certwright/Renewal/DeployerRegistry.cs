using Certwright.Renewal.Deploy;
using Certwright.Renewal.Deploy.Kubernetes;

namespace Certwright.Renewal;

/// <summary>
/// Builds the deployer of each <see cref="DeployTarget"/> by its kind: <c>dir</c>, <c>pkcs12</c> and <c>k8s-secret</c>
/// built in; hosts (and tests) register more, or replace one, with <see cref="Register"/>.
/// </summary>
public sealed class DeployerRegistry
{
    private readonly Dictionary<string, Func<ManagedCertificate, DeployTarget, ICertificateDeployer>> _factories = new(StringComparer.Ordinal);

    public DeployerRegistry(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Register(DeployTarget.DirectoryKind, (_, target) => OperatingSystem.IsWindows()
            ? throw new CertwrightException(ErrorKind.Usage, "deploying to a directory needs symbolic links and POSIX permissions; it is not available on Windows")
            : new DirectoryDeployer(target.Require(DeployTarget.PathSetting), timeProvider));
        Register(DeployTarget.Pkcs12Kind, (_, target) => new Pkcs12Deployer(
            new Pkcs12DeployOptions
            {
                Path = target.Require(DeployTarget.PathSetting),
                PasswordFile = target.Optional(DeployTarget.PasswordFileSetting),
                PasswordEnvironmentVariable = target.Optional(DeployTarget.PasswordEnvironmentSetting),
            },
            timeProvider));
        Register(DeployTarget.KubernetesSecretKind, (_, target) => new KubernetesSecretDeployer(
            new KubernetesSecretOptions
            {
                Namespace = target.Require(DeployTarget.NamespaceSetting),
                Name = target.Require(DeployTarget.NameSetting),
                KubeconfigPath = target.Optional(DeployTarget.KubeconfigSetting),
                Context = target.Optional(DeployTarget.ContextSetting),
            },
            timeProvider));
    }

    /// <summary>Adds (or replaces) the factory of <paramref name="kind"/>.</summary>
    public DeployerRegistry Register(string kind, Func<ManagedCertificate, DeployTarget, ICertificateDeployer> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[kind] = factory;
        return this;
    }

    /// <exception cref="CertwrightException">State: a kind this build does not know.</exception>
    public ICertificateDeployer Create(ManagedCertificate managed, DeployTarget target)
    {
        ArgumentNullException.ThrowIfNull(managed);
        ArgumentNullException.ThrowIfNull(target);
        return _factories.TryGetValue(target.Kind, out var factory)
            ? factory(managed, target)
            : throw new CertwrightException(ErrorKind.State, $"managed certificate '{managed.Name}' deploys to '{target.Kind}', which this build of certwright cannot deploy to; upgrade certwright");
    }
}
