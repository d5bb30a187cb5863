using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Certwright.Discovery;

public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CertificateDiscovery"/> (singleton) with its options, validated when first used.
    /// </summary>
    public static IServiceCollection AddCertificateDiscovery(this IServiceCollection services, Action<DiscoveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DiscoveryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscoveryOptions>, DiscoveryOptionsValidator>());
        services.TryAddSingleton(provider => new CertificateDiscovery(provider.GetRequiredService<IOptions<DiscoveryOptions>>().Value));
        return services;
    }
}
