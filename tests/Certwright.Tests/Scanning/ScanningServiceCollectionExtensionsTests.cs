using Certwright.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Scanning;

public sealed class ScanningServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddEndpointScanner_ResolvesOneScannerUsingTheRegisteredTimeProvider()
    {
        var time = new FakeTimeProvider();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddEndpointScanner(o => o.MaxConcurrency = 4)
            .BuildServiceProvider();

        var scanner = provider.GetRequiredService<IEndpointScanner>();
        var result = await scanner.ScanAsync(ScanTarget.Parse($"127.0.0.1:{TestSupport.FreePort.Next()}"));

        Assert.Same(scanner, provider.GetRequiredService<IEndpointScanner>());
        Assert.Equal(4, provider.GetRequiredService<IOptions<EndpointScannerOptions>>().Value.MaxConcurrency);
        Assert.Equal(ScanStatus.Unreachable, result.Status);
        Assert.Equal(TimeSpan.Zero, result.Duration);
    }

    [Fact]
    public void AddEndpointScanner_InvalidOptions_FailsResolutionWithEveryError()
    {
        using var provider = new ServiceCollection()
            .AddEndpointScanner(o =>
            {
                o.MaxConcurrency = 0;
                o.TotalTimeout = TimeSpan.FromHours(2);
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEndpointScanner>());

        Assert.Equal(
            ["TotalTimeout is 02:00:00; use a duration above zero and at most one hour.", "MaxConcurrency is 0; use 1 to 4096."],
            error.Failures);
    }
}
