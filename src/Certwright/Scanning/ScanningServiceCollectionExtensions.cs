using Certwright.Scanning.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Certwright.Scanning;

public static class ScanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEndpointScanner"/> as a singleton (one shared OpenSSL context for every scan), its
    /// options with validation, and <see cref="TimeProvider.System"/> unless a TimeProvider is registered already.
    /// </summary>
    public static IServiceCollection AddEndpointScanner(this IServiceCollection services, Action<EndpointScannerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<EndpointScannerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EndpointScannerOptions>, EndpointScannerOptionsValidator>());
        services.TryAddSingleton<IEndpointScanner>(provider => new EndpointScanner(
            provider.GetRequiredService<IOptions<EndpointScannerOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
