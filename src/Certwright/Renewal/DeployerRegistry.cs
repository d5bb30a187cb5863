using Certwright.Renewal.Deploy;

namespace Certwright.Renewal;

/// <summary>
/// Builds the deployer of each <see cref="DeployTarget"/> by its kind: <c>dir</c> built in; hosts register more
/// (<c>pkcs12</c>, <c>k8s-secret</c>) with <see cref="Register"/>.
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
