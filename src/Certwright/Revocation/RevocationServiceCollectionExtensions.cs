using Certwright.Revocation.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Certwright.Revocation;

public static class RevocationServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="RevocationChecker"/> (its HTTP connections and OCSP/CRL caches serve every
    /// check), its options with validation at start-up, and <see cref="TimeProvider.System"/> unless a TimeProvider is registered.
    /// </summary>
    public static IServiceCollection AddCertwrightRevocation(this IServiceCollection services, Action<RevocationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<RevocationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RevocationOptions>, RevocationOptionsValidator>());
        services.TryAddSingleton(provider => new RevocationChecker(
            provider.GetRequiredService<IOptions<RevocationOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
