using Certwright.Discovery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Certwright.Tests.Discovery;

public sealed class DiscoveryOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValidAndDocumented()
    {
        var options = new DiscoveryOptions();

        Assert.Empty(DiscoveryOptionsValidator.Errors(options));
        Assert.Equal(10 * 1024 * 1024, options.MaxFileSize);
        Assert.True(options.FollowSymlinks);
        Assert.Equal(["**/.git/**", "**/.hg/**", "**/.svn/**", "**/node_modules/**"], options.Exclude);
        Assert.Empty(options.Include);
    }

    [Fact]
    public void Constructor_InvalidOptions_UsageErrorListingEveryProblem()
    {
        var options = new DiscoveryOptions { MaxFileSize = 0, MaxDepth = -1, MaxDegreeOfParallelism = 0, ResultBufferSize = 0 };
        options.Include.Add(" ");

        var error = Assert.Throws<CertwrightException>(() => new CertificateDiscovery(options));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(
            "invalid discovery options: MaxFileSize must be at least 1 byte (it is 0); MaxDepth must be 0 or more (it is -1); "
            + "MaxDegreeOfParallelism must be between 1 and 256 (it is 0); ResultBufferSize must be at least 1 (it is 0); "
            + "Include pattern 1 is empty; remove it or give a glob such as '*.pem'",
            error.Message);
    }

    [Fact]
    public void AddCertificateDiscovery_ResolvesConfiguredSingletonAndValidates()
    {
        using var provider = new ServiceCollection()
            .AddCertificateDiscovery(o => o.MaxFileSize = 1024)
            .BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<CertificateDiscovery>(), provider.GetRequiredService<CertificateDiscovery>());
        Assert.Equal(1024, provider.GetRequiredService<IOptions<DiscoveryOptions>>().Value.MaxFileSize);

        using var invalid = new ServiceCollection().AddCertificateDiscovery(o => o.MaxDepth = -5).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<IOptions<DiscoveryOptions>>().Value);
        Assert.Equal("MaxDepth must be 0 or more (it is -5)", Assert.Single(error.Failures));
    }
}
