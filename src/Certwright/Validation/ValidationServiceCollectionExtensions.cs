using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Certwright.Validation;

/// <summary>Registers the shared chain validator.</summary>
public static class ValidationServiceCollectionExtensions
{
    /// <summary>Adds one <see cref="ChainValidator"/> for the whole process: its caches pay off across scans.</summary>
    public static IServiceCollection AddCertwrightValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => new ChainValidator());
        return services;
    }
}
